package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static dev.keepsake.testing.SyncthingPair.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.testing.ServiceRounds;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service, a real mail server: photos fail because a file blocks their archive folder; the
 * owner moves the file away and does nothing else — no event, no hook, no file change — and every
 * photo is archived on its own, with exactly one first notice and one resolved mail.
 */
@Tag("reliability")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SelfHealingTest {
  @TempDir Path tmp;

  @Test
  void aBlockedArchiveFolderHealsWithNoSignalAndOneResolvedMail() throws Exception {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    Path phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    for (int i = 1; i <= 3; i++) {
      Files.write(phone.resolve("IMG_" + i + ".jpg"), jpeg().original("2023:09:1" + i + " 12:00:00").salt("p" + i).bytes());
    }
    Files.write(phone.resolve("IMG_9.jpg"), jpeg().original("2024:01:01 12:00:00").bytes());
    Path blocker = Files.writeString(archive.resolve("2023"), "a file where the 2023 folder belongs");
    Path config = Files.writeString(tmp.resolve("keepsake.yaml"), """
        archive: { root: archive, zone: UTC }
        sources:
          pixel: { path: pixel }
        settle: 1s
        retry: { first: 1s, max: 2s }
        notify:
          to: [me@example.org]
          smtp: { host: 127.0.0.1, port: %d, starttls: false, timeout: 5s }
          digest: { group-wait: 1s, group-interval: 1s, repeat-interval: 24h, resolve-after: 2s }
        server: { listen: "127.0.0.1:0" }
        """.formatted(smtp.getSmtp().getPort()));
    ConfigSources.Loaded loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
    Service runner = Service.start(loaded.ingest(), loaded.service(), null, loaded.notifications(),
        Clock.systemUTC());
    try {
      waitUntil(Duration.ofSeconds(30), "the first notice", () -> smtp.getReceivedMessages().length >= 1);
      try {
        waitUntil(Duration.ofSeconds(10), "the status says why it is not safe", () -> status(runner).contains("NOT safe: 3 files"));
      } catch (AssertionError e) {
        throw new AssertionError(status(runner), e);
      }
      assertThat(status(runner)).contains("io-error").contains("next retry").contains("\"waitingFiles\" : 3")
          .contains("\"kind\" : \"io-error\"");
      assertThat(get(runner, "/metrics")).contains("keepsake_waiting_files{source=\"pixel\"} 3")
          .doesNotContain("keepsake_safe_through_timestamp_seconds{source=\"pixel\"} 0");
      assertThat(archive.resolve("2024/01/IMG_9.jpg")).exists();
      assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("1 problem").contains("io-error pixel DCIM/*.jpg");

      Files.delete(blocker); // the fix; nothing else happens
      long fixed = System.nanoTime();
      waitUntil(Duration.ofSeconds(10), "all three archived on their own", () -> Files.exists(archive.resolve("2023/09/IMG_1.jpg"))
          && Files.exists(archive.resolve("2023/09/IMG_2.jpg")) && Files.exists(archive.resolve("2023/09/IMG_3.jpg")));
      Duration healed = Duration.ofNanos(System.nanoTime() - fixed);
      waitUntil(Duration.ofSeconds(30), "the resolved mail", () -> smtp.getReceivedMessages().length >= 2);
      waitUntil(Duration.ofSeconds(10), "safe again", () -> status(runner).contains("pixel: safe to delete everything up to"));
      assertThat(get(runner, "/metrics")).contains("keepsake_waiting_files{source=\"pixel\"} 0")
          .containsPattern("keepsake_safe_through_timestamp_seconds\\{source=\"pixel\"} [1-9]\\d+");
      assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[1])).contains("pixel: safe to delete everything up to");
      ServiceRounds.waitFor(runner, ServiceRounds.NOTIFIER, 3, Duration.ofSeconds(30)); // 3 more digest rounds: none may send
      MimeMessage[] mails = smtp.getReceivedMessages();
      assertThat(mails).hasSize(2);
      assertThat(mails[1].getSubject()).contains("all resolved");
      assertThat(GreenMailUtil.getBody(mails[1])).contains("3 files archived since");
      dev.keepsake.reliability.Figures.print("self-healing", "files blocked 3, healed with no signal in "
          + healed.toMillis() + " ms (retry.max 2s), mails 2 (first notice, resolved)");
    } finally {
      runner.close();
      smtp.stop();
    }
  }

  private static String status(Service runner) {
    return get(runner, "/api/status");
  }

  private static String get(Service runner, String path) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          "http://127.0.0.1:" + runner.server().address().getPort() + path)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
