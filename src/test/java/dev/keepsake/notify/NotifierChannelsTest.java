package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.keepsake.failure.FailureKind;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.push.Gotify;
import dev.keepsake.push.Ntfy;
import dev.keepsake.push.Webhook;
import dev.keepsake.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest policy decides, every channel delivers its own queue: a channel that is down is tried
 * again every tick without losing or doubling a message and without holding back the others — mail
 * included, whose outage no longer holds back a push. Real parts: GreenMail, a real SQLite ledger,
 * local servers speaking ntfy's, Gotify's and a webhook's API.
 */
@Timeout(60)
class NotifierChannelsTest {
  private static final String TOKEN = "tok_SECRET_42";
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T00:00:00Z"));
  @TempDir Path tmp;
  private Ledger ledger;
  private ErrorJournal journal;
  private MockWebServer ntfy;
  private MockWebServer gotify;
  private MockWebServer hook;
  private GreenMail smtp;

  @BeforeEach
  void start() throws Exception {
    ledger = Ledger.open(tmp.resolve("ledger.db"), clock);
    journal = new ErrorJournal(clock);
    ntfy = server();
    gotify = server();
    hook = server();
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  private static MockWebServer server() throws Exception {
    MockWebServer s = new MockWebServer();
    s.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    return s;
  }

  @AfterEach
  void stop() throws Exception {
    ledger.close();
    ntfy.shutdown();
    gotify.shutdown();
    hook.shutdown();
    smtp.stop();
  }

  private Notifier notifier(int smtpPort) {
    SmtpTransport mail = new SmtpTransport(new SmtpTransport.Settings("127.0.0.1", smtpPort, false, false, null, null,
        Duration.ofSeconds(3), "keepsake@nas", List.of("me@example.org")), clock, null);
    Duration t = Duration.ofSeconds(3);
    return new Notifier(journal, ledger, new DigestPolicy(DigestPolicy.Timings.DEFAULT), mail, clock, ZoneOffset.UTC, "nas",
        List.of(), new FileStates() {
          @Override
          public long waiting(Fingerprint fp) {
            return 1;
          }

          @Override
          public Settled settledSince(Fingerprint fp, Instant since) {
            return Settled.NONE;
          }
        }).withSafeLines(() -> List.of("pixel: NOT safe: 1 file waiting"))
        .withChannels(List.of(new Ntfy("http://127.0.0.1:" + ntfy.getPort(), "keepsake", TOKEN, t),
            new Gotify("http://127.0.0.1:" + gotify.getPort(), TOKEN, t),
            new Webhook("http://127.0.0.1:" + hook.getPort() + "/hook", null, t)), "https://nas.example/keepsake/");
  }

  /** The tick that folds the journal in, then the one after the group wait that decides the first digest. */
  private MailMessage firstDigest(Notifier notifier) {
    MailMessage m = notifier.tick();
    if (m == null && ntfy.getRequestCount() + gotify.getRequestCount() + hook.getRequestCount() == 0) {
      clock.advance(DigestPolicy.Timings.DEFAULT.groupWait().plusSeconds(1));
      m = notifier.tick();
    }
    return m;
  }

  @Test
  void aChannelThatIsDownIsRetriedEveryTickAndHoldsBackNeitherTheOthersNorMail() throws Exception {
    Notifier notifier = notifier(smtp.getSmtp().getPort());
    ntfy.enqueue(new MockResponse().setResponseCode(502)); // ntfy is down at first
    ntfy.enqueue(new MockResponse().setResponseCode(502));
    ntfy.enqueue(new MockResponse().setBody("{}"));
    gotify.enqueue(new MockResponse().setBody("{}"));
    hook.enqueue(new MockResponse().setResponseCode(204));

    journal.record(FailureKind.IO_ERROR, "pixel", "DCIM/IMG_1.jpg", "cannot create archive folder 2023: a file is in the way");
    assertThat(firstDigest(notifier)).as("mail went").isNotNull();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    RecordedRequest g = gotify.takeRequest(5, TimeUnit.SECONDS);
    assertThat(g).as("gotify not held back by ntfy").isNotNull();
    JsonNode gb = new ObjectMapper().readTree(g.getBody().readUtf8());
    assertThat(gb.path("title").asText()).contains("problem");
    assertThat(gb.path("priority").asInt()).as("a first notice: default").isEqualTo(5);
    JsonNode hb = new ObjectMapper().readTree(hook.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
    assertThat(hb.path("reason").asText()).isEqualTo("first-notice");
    assertThat(hb.path("safe").get(0).asText()).startsWith("pixel: NOT safe");
    assertThat(hb.path("open").get(0).path("kind").asText()).isEqualTo("io-error");
    assertThat(hb.path("open").get(0).path("paths").get(0).asText()).isEqualTo("DCIM/IMG_1.jpg");
    assertThat(ntfy.takeRequest(5, TimeUnit.SECONDS)).isNotNull(); // the 502
    assertThat(ledger.outgoing().waiting("ntfy")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(30));
    notifier.tick(); // ntfy still 502
    assertThat(ledger.outgoing().waiting("ntfy")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    notifier.tick(); // ntfy back
    assertThat(ledger.outgoing().waiting("ntfy")).isZero();
    ntfy.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest delivered = ntfy.takeRequest(5, TimeUnit.SECONDS);
    JsonNode nb = new ObjectMapper().readTree(delivered.getBody().readUtf8());
    assertThat(nb.path("click").asText()).isEqualTo("https://nas.example/keepsake/");
    assertThat(delivered.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);

    clock.advance(Duration.ofMinutes(2));
    notifier.tick();
    assertThat(ntfy.getRequestCount()).as("delivered once, never again").isEqualTo(3);
    assertThat(gotify.getRequestCount()).isEqualTo(1);
    assertThat(hook.getRequestCount()).isEqualTo(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void mailDownHoldsBackNoPushAndItsDigestWaitsInItsQueueUntilTheServerIsBack() throws Exception {
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    Notifier notifier = notifier(port);
    ntfy.enqueue(new MockResponse().setBody("{}"));
    gotify.enqueue(new MockResponse().setBody("{}"));
    hook.enqueue(new MockResponse().setResponseCode(200));
    journal.record(FailureKind.VANISHED_BEFORE_COPY, "pixel", "DCIM/IMG_9.jpg", "vanished before it could be copied");
    assertThat(firstDigest(notifier)).as("no mail went").isNull();
    JsonNode nb = new ObjectMapper().readTree(ntfy.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
    assertThat(nb.path("priority").asInt()).as("a loss: high").isEqualTo(5);
    assertThat(nb.path("title").asText()).contains("LOST");
    assertThat(ledger.outgoing().waiting(Notifier.MAIL)).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      notifier.tick();
    }
    assertThat(ntfy.getRequestCount()).as("the pushes went once").isEqualTo(1);
    smtp = new GreenMail(new com.icegreen.greenmail.util.ServerSetup(port, "127.0.0.1", "smtp"));
    smtp.start();
    clock.advance(Duration.ofMinutes(1));
    assertThat(notifier.tick()).as("the queued mail").isNotNull();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("LOST");
    assertThat(ledger.outgoing().waiting(Notifier.MAIL)).isZero();
    clock.advance(Duration.ofMinutes(1));
    notifier.tick();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }
}
