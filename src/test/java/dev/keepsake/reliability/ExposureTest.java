package dev.keepsake.reliability;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.app.Keepsake;
import dev.keepsake.ingest.IngestListener;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.IngestQueue;
import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.server.StatusServer;
import dev.keepsake.source.Source;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** Secrets never leak; modes are tight; the ingest endpoint wants a token beyond loopback. */
@Tag("reliability")
@Timeout(600)
class ExposureTest {
  static final String API_KEY = "SECRET-api-key-7f3e9c";
  static final String SMTP_PASSWORD = "SECRET-smtp-pw-41d2aa";
  static final String SERVER_TOKEN = "SECRET-server-token-9b81";
  @TempDir Path tmp;

  @Test
  void archivedFilesFoldersAndTheLedgerGetTightModes() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
    Keepsake.ingestOnce(IngestOptions.defaults(archive, ZoneOffset.UTC), List.of(Source.of("phone", phone)), IngestListener.NONE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve("2023/09/IMG_1.jpg")))).isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve("2023/09")))).isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve("2023")))).isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve(".keepsake/ledger.db")))).isEqualTo("rw-------");
  }

  @Test
  void noSecretInLogsMessagesStatusOrMetrics() throws Exception {
    MockWebServer syncthing = new MockWebServer(); // a Syncthing that rejects the key
    for (int i = 0; i < 50; i++) {
      syncthing.enqueue(new MockResponse().setResponseCode(403).setBody("CSRF Error\n"));
    }
    syncthing.start(java.net.InetAddress.getLoopbackAddress(), 0);
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    Files.createDirectory(tmp.resolve("archive"));
    Path key = Files.writeString(tmp.resolve("st.key"), API_KEY);
    Path pw = Files.writeString(tmp.resolve("smtp.pw"), SMTP_PASSWORD);
    Path token = Files.writeString(tmp.resolve("token"), SERVER_TOKEN);
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: archive, zone: UTC }
        sources: { phone: { path: phone } }
        syncthing: { url: "%s", api-key-file: %s }
        notify: { to: [me@example.org], smtp: { host: 127.0.0.1, port: 1, starttls: false, allow-plaintext-auth: true, username: nas, password-file: %s, timeout: 2s } }
        server: { listen: "127.0.0.1:%d", token-file: %s }
        """.formatted(syncthing.url("/"), key, pw, port, token));
    StringBuilder everything = new StringBuilder();
    for (String[] args : List.of(new String[] {"notify-test", "--config", config.toString()},
        new String[] {"doctor", "--config", config.toString()},
        new String[] {"ingest", "--config", config.toString(), "-v"})) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      dev.keepsake.cli.MainAccess.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      everything.append(out).append(err);
    }
    Path log = tmp.resolve("service.log");
    Process service = ChildJvm.start(log, List.of("-Xmx128m"), "run", "--config", config.toString(), "-v");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.readString(log).contains("API key rejected") && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      // the running service, holding all three secrets, asked for everything it shows
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/api/status", "/metrics", "/healthz", "/api/nothing-here")) {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer wrong-token").build(), HttpResponse.BodyHandlers.ofString());
        everything.append(answer.headers().map()).append(answer.body());
        if (!path.contains("nothing")) {
          assertThat(answer.body()).as(path).isNotBlank();
        }
      }
      assertThat(everything.toString()).as("the service's status names the Syncthing trouble").contains("403");
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
      syncthing.shutdown();
    }
    everything.append(Files.readString(log));
    String all = everything.toString();
    assertThat(all).contains("API key rejected").contains("connect:");
    int leaks = 0;
    for (String secret : List.of(API_KEY, SMTP_PASSWORD, SERVER_TOKEN)) {
      leaks += all.split(java.util.regex.Pattern.quote(secret), -1).length - 1;
    }
    Figures.print("secrets", "outputs checked " + all.length() + " chars (CLI, service log, the running service's"
        + " status, metrics, healthz and 404), leaks " + leaks);
    assertThat(all).doesNotContain(API_KEY).doesNotContain(SMTP_PASSWORD).doesNotContain(SERVER_TOKEN);
  }

  @Test
  void beyondLoopbackTheIngestEndpointWantsTheToken() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    IngestQueue queue = new IngestQueue(10);
    StatusServer server = new StatusServer(new InetSocketAddress("0.0.0.0", 0), new ServiceStats(Instant.now()), queue,
        Map.of("phone", Source.of("phone", phone)), Map.of(), Clock.systemUTC(), "TOKEN-123");
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/ingest");
      String body = "{\"source\":\"phone\",\"paths\":[\"a.jpg\"]}";
      HttpResponse<String> without = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(without.statusCode()).isEqualTo(403);
      HttpResponse<String> with = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer TOKEN-123")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(with.statusCode()).isEqualTo(202);
      assertThat(queue.depth()).isEqualTo(1);
    } finally {
      server.close();
    }
  }
}
