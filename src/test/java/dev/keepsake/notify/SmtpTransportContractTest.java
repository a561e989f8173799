package dev.keepsake.notify;

import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** The mail contract against SMTP: GreenMail with implicit TLS and a login. */
@Timeout(60)
class SmtpTransportContractTest extends MailTransportContract {
  GreenMail server;

  @BeforeEach
  void start() {
    server = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
    server.setUser("me@home", "nas", SECRET);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Override
  MailTransport working() {
    return smtp(server.getSmtps().getPort());
  }

  @Override
  MailTransport broken() throws Exception {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return smtp(free.getLocalPort()); // nothing listens there once it is closed
    }
  }

  @Override
  List<MimeMessage> delivered() {
    return List.of(server.getReceivedMessages());
  }

  private static SmtpTransport smtp(int port) {
    return new SmtpTransport(new SmtpTransport.Settings("127.0.0.1", port, false, true, "nas", SECRET,
        Duration.ofSeconds(5), "keepsake@nas", List.of("me@home")), Clock.systemUTC(), new DummySSLSocketFactory());
  }
}
