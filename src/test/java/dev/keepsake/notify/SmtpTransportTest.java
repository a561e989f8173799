package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
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

  /** A mail server that offers no AUTH at all (a relay on port 25, say), speaking just enough SMTP. */
  private static ServerSocket noAuthServer() throws java.io.IOException {
    ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (java.net.Socket s = server.accept();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), "US-ASCII"));
            var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(s.getOutputStream(), "US-ASCII"), true)) {
          out.print("220 relay.test ESMTP\r\n");
          out.flush();
          for (String line; (line = in.readLine()) != null; ) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            if (verb.equals("EHLO")) {
              out.print("250-relay.test\r\n250 8BITMIME\r\n");
            } else if (verb.equals("QUIT")) {
              out.print("221 bye\r\n");
              out.flush();
              break;
            } else {
              out.print("250 ok\r\n");
            }
            out.flush();
          }
        } catch (java.io.IOException closed) {
          // next client, or the test is over
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return server;
  }

  @Test
  void aUsernameWithAServerThatOffersNoAuthIsAnErrorNotALoginAccepted() throws Exception {
    try (ServerSocket relay = noAuthServer()) {
      SmtpTransport withLogin = transport("127.0.0.1", relay.getLocalPort(), false, false);
      assertThatThrownBy(withLogin::check).isInstanceOf(MailException.class)
          .hasMessageStartingWith("auth:").hasMessageContaining("offered no AUTH").hasMessageNotContaining("hunter2-secret");
      SmtpTransport withoutLogin = new SmtpTransport(new SmtpTransport.Settings("127.0.0.1", relay.getLocalPort(), false,
          false, null, null, Duration.ofSeconds(3), "keepsake@nas", List.of("me@home")), Clock.systemUTC(), null);
      withoutLogin.check(); // no username: a relay without login is fine
    }
  }
}
