package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.failure.FailureKind;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.testing.FakeClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * Digests through a real SMTP server (GreenMail, implicit TLS), with days of simulated time: the
 * cron job this replaces sent 1,440 mails a day for one recurring problem.
 */
@Timeout(60)
class NotifierTest {
  final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T00:00:00Z"));
  @TempDir Path tmp;
  GreenMail smtp;
  int port;
  Ledger ledger;
  ErrorJournal journal;

  @BeforeEach
  void start() {
    smtp = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
    smtp.start();
    port = smtp.getSmtps().getPort();
    ledger = Ledger.open(tmp.resolve("ledger.db"), clock);
    journal = new ErrorJournal(clock);
  }

  @AfterEach
  void stop() {
    smtp.stop();
    ledger.close();
  }

  /** The files behind file incidents, as the retry schedule would say: waiting until the test fixes them. */
  volatile boolean filesWait = true;
  volatile long archivedAfterFix;
  final FileStates files = new FileStates() {
    @Override
    public long waiting(Fingerprint fp) {
      return filesWait ? 1 : 0;
    }

    @Override
    public Settled settledSince(Fingerprint fp, Instant since) {
      return new Settled(archivedAfterFix, List.of("DCIM/Camera/IMG_0.jpg"), 0, List.of());
    }
  };

  private Notifier notifier() {
    return notifier(List.of());
  }

  private Notifier notifier(List<Notifier.DeadManCheck> checks) {
    SmtpTransport transport = new SmtpTransport(new SmtpTransport.Settings("127.0.0.1", port, false, true, null, null,
        Duration.ofSeconds(10), "keepsake@nas.example", List.of("me@example.org")), clock, new DummySSLSocketFactory());
    return new Notifier(journal, ledger, new DigestPolicy(DigestPolicy.Timings.DEFAULT), transport, clock, ZoneOffset.UTC,
        "nas", checks, files);
  }

  private MimeMessage[] mails() {
    return smtp.getReceivedMessages();
  }

  @Test
  void oneFailingFileEveryMinuteForADayIsTwoMails() throws Exception {
    Notifier notifier = notifier();
    for (int minute = 0; minute < 24 * 60; minute++) {
      journal.record(FailureKind.PERMISSION_DENIED, "pixel", "DCIM/Camera/IMG_" + minute + ".jpg",
          "permission denied reading DCIM/Camera/IMG_" + minute + ".jpg; give the Keepsake user read access to it");
      clock.advance(Duration.ofSeconds(30));
      notifier.tick();
      clock.advance(Duration.ofSeconds(30));
      notifier.tick();
    }
    filesWait = false; // fixed: every file archived on its next retry, no more errors
    archivedAfterFix = 1440;
    for (int minute = 0; minute < 3 * 60; minute++) {
      clock.advance(Duration.ofMinutes(1));
      notifier.tick();
    }
    MimeMessage[] mails = mails();
    List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage mail : mails) {
      subjects.add(mail.getSubject());
    }
    // the first notice after group-wait; no reminder (the fix comes before repeat-interval's 24 h
    // from that notice); the resolved notice on the first tick after every file was archived
    assertThat(subjects).containsExactly("[keepsake nas] 1 problem: permission-denied pixel DCIM/Camera/*.jpg",
        "[keepsake nas] all resolved (1)");
    assertThat(mails[0].getSubject()).contains("1 problem").contains("permission-denied pixel DCIM/Camera/*.jpg");
    String first = GreenMailUtil.getBody(mails[0]);
    assertThat(first).contains("IMG_0.jpg").contains("read access");
    assertThat(mails[mails.length - 1].getSubject()).contains("all resolved");
    assertThat(GreenMailUtil.getBody(mails[mails.length - 1])).contains("1440");
  }

  @Test
  void fiveHundredAlikeFailuresAreOneLineWithACountAndFiveSamples() throws Exception {
    for (int i = 0; i < 500; i++) {
      journal.record(FailureKind.UNREADABLE, "pixel", "DCIM/2024" + String.format("%02d", i % 12) + "/IMG_" + i + ".jpg", "cannot read");
    }
    clock.advance(Duration.ofMinutes(3));
    MailMessage sent = notifier().tick();
    assertThat(sent).isNotNull();
    assertThat(sent.text()).contains("unreadable pixel DCIM/#/*.jpg — 500×");
    assertThat(sent.text().lines().filter(l -> l.startsWith("- "))).hasSize(1);
    assertThat(sent.text()).contains("e.g. DCIM/202400/IMG_0.jpg").doesNotContain("IMG_5.jpg");
  }

  @Test
  void newKindsAllDayAreAtMostOneMailPerGroupInterval() {
    Notifier notifier = notifier();
    for (int minute = 0; minute < 6 * 60; minute++) {
      if (minute % 5 == 0) {
        journal.record(FailureKind.IO_ERROR, "pixel", "Folder" + (char) ('a' + minute / 5 % 26) + "x/" + minute + ".jpg", "EIO");
      }
      clock.advance(Duration.ofMinutes(1));
      notifier.tick();
    }
    assertThat(mails().length).isLessThanOrEqualTo(6 * 2 + 1).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aRestartInTheMiddleDoesNotResend() {
    journal.record(FailureKind.DISK_FULL, "pixel", "DCIM/a.mp4", "archive disk full");
    clock.advance(Duration.ofMinutes(3));
    notifier().tick();
    assertThat(mails()).hasSize(1);
    ledger.close();
    ledger = Ledger.open(tmp.resolve("ledger.db"), clock); // the service restarts
    journal = new ErrorJournal(clock);
    Notifier again = notifier();
    for (int minute = 0; minute < 90; minute++) {
      journal.record(FailureKind.DISK_FULL, "pixel", "DCIM/b" + minute + ".mp4", "archive disk full");
      clock.advance(Duration.ofMinutes(1));
      again.tick();
    }
    assertThat(mails()).hasSize(1);
  }

  @Test
  void aFailingMailServerLosesNothing() {
    smtp.stop();
    Notifier notifier = notifier();
    journal.record(FailureKind.VANISHED_BEFORE_COPY, "pixel", "DCIM/IMG_9.jpg", "vanished before it could be copied");
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(1));
      assertThat(notifier.tick()).isNull(); // no exception, nothing marked sent
    }
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    smtp.start();
    clock.advance(Duration.ofMinutes(1));
    assertThat(notifier.tick()).isNotNull();
    assertThat(mails()).hasSize(1);
    assertThat(GreenMailUtil.getBody(mails()[0])).contains("DCIM/IMG_9.jpg");
  }

  @Test
  void aProblemThatLastsNeverSaysResolvedHoweverLongItLasts() throws Exception {
    Notifier notifier = notifier();
    journal.record(FailureKind.IO_ERROR, "pixel", "2023/IMG_1.jpg", "cannot create archive folder 2023: a file is in the way");
    for (int hour = 0; hour < 24 * 7; hour++) { // a week; the file fails once and then only waits on its retries
      clock.advance(Duration.ofHours(1));
      notifier.tick();
    }
    assertThat(mails()).isNotEmpty();
    for (MimeMessage m : mails()) {
      assertThat(m.getSubject()).doesNotContain("resolved");
    }
    assertThat(mails()[mails().length - 1].getSubject()).contains("still failing");
  }

  @Test
  void filesThatLeftTheSourceUnarchivedAreALossNoticeNamingThemNeverResolved() throws Exception {
    FileStates lostFiles = new FileStates() {
      @Override
      public long waiting(Fingerprint fp) {
        return filesWait ? 1 : 0;
      }

      @Override
      public Settled settledSince(Fingerprint fp, Instant since) {
        return new Settled(23, List.of("2023/IMG_2.jpg"), 1, List.of("2023/IMG_1.jpg"));
      }
    };
    SmtpTransport transport = new SmtpTransport(new SmtpTransport.Settings("127.0.0.1", port, false, true, null, null,
        Duration.ofSeconds(10), "keepsake@nas.example", List.of("me@example.org")), clock, new DummySSLSocketFactory());
    Notifier notifier = new Notifier(journal, ledger, new DigestPolicy(DigestPolicy.Timings.DEFAULT), transport, clock,
        ZoneOffset.UTC, "nas", List.of(), lostFiles);
    journal.record(FailureKind.IO_ERROR, "pixel", "2023/IMG_1.jpg", "a file is in the way");
    clock.advance(Duration.ofMinutes(3));
    notifier.tick(); // first notice
    filesWait = false; // 23 archived after the fix, one deleted on the phone before
    for (int minute = 0; minute < 3 * 60; minute++) {
      clock.advance(Duration.ofMinutes(1));
      notifier.tick();
    }
    MimeMessage[] mails = mails();
    assertThat(mails).hasSize(2);
    assertThat(mails[1].getSubject()).contains("1 file LOST").doesNotContain("resolved");
    assertThat(GreenMailUtil.getBody(mails[1])).contains("2023/IMG_1.jpg").contains("23 other(s) of");
  }

  @Test
  void aConditionResolvesOnlyWhenItsCheckFindsItClear() throws Exception {
    String[] problem = {"archive root /srv/archive is missing (disk unmounted?)"};
    Notifier notifier = notifier(List.of(DeadManChecks.archive(() -> problem[0])));
    for (int minute = 0; minute < 5 * 60; minute++) { // five hours unmounted
      clock.advance(Duration.ofMinutes(1));
      notifier.tick();
    }
    assertThat(mails()).hasSize(1);
    problem[0] = null; // remounted
    for (int minute = 0; minute < 3 * 60; minute++) {
      clock.advance(Duration.ofMinutes(1));
      notifier.tick();
    }
    assertThat(mails()).hasSize(2);
    assertThat(mails()[1].getSubject()).contains("all resolved");
    assertThat(GreenMailUtil.getBody(mails()[1])).contains("clear since");
  }
}
