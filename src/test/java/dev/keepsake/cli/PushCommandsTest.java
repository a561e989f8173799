package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** notify-test and doctor with push channels configured: each channel tried, each failure named by step, no token shown. */
@Timeout(60)
class PushCommandsTest {
  private static final String TOKEN = "tk_DO_NOT_SHOW_77";
  @TempDir Path tmp;
  private final Cli cli = new Cli();
  private MockWebServer ntfy;
  private MockWebServer gotify;
  private Path config;

  @BeforeEach
  void config() throws Exception {
    ntfy = new MockWebServer();
    ntfy.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    gotify = new MockWebServer();
    gotify.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    Files.createDirectories(tmp.resolve("archive"));
    Files.createDirectories(tmp.resolve("phone"));
    Path token = Files.writeString(tmp.resolve("push.token"), TOKEN + "\n");
    Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: archive }
        sources: { phone: { path: phone } }
        notify:
          ntfy: { url: "http://127.0.0.1:%d", topic: keepsake-test, token-file: push.token }
          gotify: { url: "http://127.0.0.1:%d", token-file: push.token }
          webhook: { url: "http://127.0.0.1:1/hook", format: json }
        server: { public-url: "https://nas.example/keepsake/" }
        """.formatted(ntfy.getPort(), gotify.getPort()));
  }

  @AfterEach
  void stop() throws Exception {
    ntfy.shutdown();
    gotify.shutdown();
  }

  @Test
  void notifyTestTriesEveryChannelAndNamesTheStepThatFailedForEach() throws Exception {
    ntfy.enqueue(new MockResponse().setBody("{}"));
    gotify.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":\"Unauthorized\"}"));
    assertThat(cli.run("notify-test", "--config", config.toString())).isEqualTo(1);
    assertThat(cli.out).contains("sent a test message via outbox").contains("sent a test message via ntfy http://127.0.0.1:");
    assertThat(cli.err).contains("not sent via gotify").contains("refused the token").contains("gotify.token-file")
        .contains("not sent via webhook").contains("connect");
    assertThat(cli.out + cli.err).doesNotContain(TOKEN);
    RecordedRequest r = ntfy.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getBody().readUtf8()).contains("\"click\":\"https://nas.example/keepsake/\"");
  }

  @Test
  void doctorAsksEachChannelWithoutSendingAnything() throws Exception {
    ntfy.enqueue(new MockResponse().setBody("{\"healthy\":true}"));
    ntfy.enqueue(new MockResponse().setResponseCode(401));
    gotify.enqueue(new MockResponse().setBody("{\"version\":\"2.6.0\"}"));
    cli.run("doctor", "--config", config.toString());
    assertThat(cli.out).contains("FAIL  ntfy:").contains("refused the token")
        .contains("ok    gotify http://127.0.0.1:").contains("FAIL  webhook: connect");
    assertThat(cli.out).doesNotContain(TOKEN);
    assertThat(ntfy.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/v1/health");
    RecordedRequest account = ntfy.takeRequest(5, TimeUnit.SECONDS);
    assertThat(account.getPath()).isEqualTo("/v1/account");
    assertThat(account.getMethod()).isEqualTo("GET");
    assertThat(gotify.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/version");
    assertThat(gotify.getRequestCount()).as("nothing posted").isEqualTo(1);
  }

  @Test
  void aChannelWithoutItsTokenFileOrWithABadUrlIsAConfigErrorNamingTheKey() throws Exception {
    Files.writeString(config, """
        archive: { root: archive }
        sources: { phone: { path: phone } }
        notify:
          gotify: { url: "http://127.0.0.1:9", token-file: gone.token }
        """);
    assertThat(cli.run("notify-test", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).contains("notify.gotify.token-file").contains("does not exist");
    Files.writeString(config, """
        archive: { root: archive }
        sources: { phone: { path: phone } }
        notify:
          webhook: { url: "ftp://example.org/x" }
        """);
    assertThat(cli.run("notify-test", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).contains("notify.webhook.url");
  }
}
