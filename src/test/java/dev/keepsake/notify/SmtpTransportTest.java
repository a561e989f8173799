package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpTransportTest {
  private static SmtpTransport transport(String host, int port, boolean starttls, boolean tls) {
    return new SmtpTransport(new SmtpTransport.Settings(host, port, starttls, tls, "nas", "hunter2-secret",
        Duration.ofSeconds(3), "keepsake@nas", List.of("me@home")), Clock.systemUTC(), null);
  }

  @Test
  void starttlsIsRequiredNotOptionalAndTimeoutsAreSet() {
    var p = transport("smtp.example.org", 587, true, false).properties();
    assertThat(p).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.connectiontimeout", "3000").containsEntry("mail.smtp.timeout", "3000")
        .containsEntry("mail.smtp.writetimeout", "3000").containsEntry("mail.smtp.auth", "true");
    assertThat(transport("smtp.example.org", 465, false, true).properties()).containsEntry("mail.smtp.ssl.enable", "true");
    assertThat(p.toString()).doesNotContain("hunter2-secret");
  }

  @Test
  void aWrongPasswordIsAnAuthFailureAndTlsWorksWithTheRightOne() throws Exception {
    com.icegreen.greenmail.util.GreenMail server = new com.icegreen.greenmail.util.GreenMail(
        com.icegreen.greenmail.util.ServerSetupTest.SMTPS.dynamicPort());
    server.setUser("me@home", "nas", "right-password");
    server.start();
    try {
      int port = server.getSmtps().getPort();
      SmtpTransport wrong = new SmtpTransport(new SmtpTransport.Settings("127.0.0.1", port, false, true, "nas",
          "hunter2-secret", Duration.ofSeconds(5), "keepsake@nas", List.of("me@home")), Clock.systemUTC(),
          new com.icegreen.greenmail.util.DummySSLSocketFactory());
      assertThatThrownBy(() -> wrong.send(new MailMessage("s", "t", "<p>h</p>", null)))
          .hasMessageStartingWith("auth:").hasMessageNotContaining("hunter2-secret");
      SmtpTransport right = new SmtpTransport(new SmtpTransport.Settings("127.0.0.1", port, false, true, "nas",
          "right-password", Duration.ofSeconds(5), "keepsake@nas", List.of("me@home")), Clock.systemUTC(),
          new com.icegreen.greenmail.util.DummySSLSocketFactory());
      right.send(new MailMessage("hello", "t", "<p>h</p>", null));
      assertThat(server.getReceivedMessages()).hasSize(1);
    } finally {
      server.stop();
    }
  }

  @Test
  void saysWhichStepFailedAndNeverThePassword() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    SmtpTransport down = transport("127.0.0.1", port, false, false);
    assertThatThrownBy(() -> down.send(new MailMessage("s", "t", "<p>h</p>", null)))
        .isInstanceOf(MailException.class)
        .hasMessageStartingWith("connect:")
        .hasMessageNotContaining("hunter2-secret");
    SmtpTransport nowhere = transport("no-such-host.invalid", 25, false, false);
    assertThatThrownBy(() -> nowhere.send(new MailMessage("s", "t", "<p>h</p>", null)))
        .hasMessageStartingWith("DNS:");
    assertThat(down.describe()).doesNotContain("hunter2-secret");
  }
}
