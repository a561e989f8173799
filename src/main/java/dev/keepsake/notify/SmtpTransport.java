package dev.keepsake.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends mail by SMTP with Angus Mail: plain, STARTTLS (required when asked for) or implicit TLS;
 * optional authentication; connect, read and write timeouts (Angus's defaults are infinite).
 * Failures say which step failed; the password never appears in a message.
 */
public final class SmtpTransport implements MailTransport {
  /** Where and how to reach the server. {@code password} is read from {@code password-file}. */
  public record Settings(
      String host, int port, boolean starttls, boolean tls, String username, String password, Duration timeout,
      String from, List<String> to) {
    @Override
    public String toString() {
      return "smtp " + host + ":" + port + (tls ? " (TLS)" : starttls ? " (STARTTLS)" : "") + (username == null ? "" : " as " + username);
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final SSLSocketFactory sslSockets;

  /**
   * @param sslSockets the TLS socket factory; null for the JVM's default trust (tests pass one that
   *     trusts their server's self-signed certificate)
   */
  public SmtpTransport(Settings settings, Clock clock, SSLSocketFactory sslSockets) {
    this.settings = settings;
    this.clock = clock;
    this.sslSockets = sslSockets;
  }

  Properties properties() {
    Properties p = new Properties();
    String t = String.valueOf(settings.timeout().toMillis());
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", String.valueOf(settings.port()));
    p.put("mail.smtp.connectiontimeout", t);
    p.put("mail.smtp.timeout", t);
    p.put("mail.smtp.writetimeout", t);
    p.put("mail.smtp.auth", String.valueOf(settings.username() != null));
    if (settings.tls()) {
      p.put("mail.smtp.ssl.enable", "true");
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    } else if (settings.starttls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true"); // never fall back to plain text
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    if (sslSockets != null) {
      p.put("mail.smtp.ssl.socketFactory", sslSockets);
      p.put("mail.smtp.ssl.checkserveridentity", "false");
    }
    return p;
  }

  @Override
  public void send(MailMessage mail) throws MailException {
    Session session = Session.getInstance(properties());
    try {
      MimeMessage message = MimeMessages.build(session, settings.from(), settings.to(), mail, clock.instant());
      try (Transport transport = session.getTransport("smtp")) {
        connect(transport);
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new MailException(describeFailure(e), null); // no cause: it may quote the SMTP dialogue
    }
  }

  /** Connects and authenticates, sends nothing ({@code doctor}). */
  public void check() throws MailException {
    Session session = Session.getInstance(properties());
    try (Transport transport = session.getTransport("smtp")) {
      connect(transport);
    } catch (MessagingException e) {
      throw new MailException(describeFailure(e), null);
    }
  }

  /**
   * Connects and logs in. Angus Mail skips the login without a word when the server offers no AUTH;
   * with a username configured that would report a login as accepted that never happened, so it is
   * an error naming the fix.
   */
  private void connect(Transport transport) throws MessagingException, MailException {
    transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
    if (settings.username() != null && transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport smtp
        && !smtp.supportsExtension("AUTH") && !smtp.supportsExtension("AUTH=LOGIN")) {
      throw new MailException("auth: " + settings.host() + ":" + settings.port() + " offered no AUTH, so the username"
          + " and password were never checked (notify.smtp.username is set): use the server's submission port"
          + " (587 with starttls, 465 with tls), or drop username if this server takes mail without a login", null);
    }
  }

  /** Which step failed, in words an owner can act on. */
  String describeFailure(MessagingException e) {
    String where = settings.host() + ":" + settings.port();
    if (e instanceof AuthenticationFailedException) {
      return "auth: " + where + " refused the username/password (check notify.smtp.username and password-file)";
    }
    if (e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0) {
      return "recipient refused by " + where + ": " + Arrays.toString(sfe.getInvalidAddresses()) + " (check notify.to)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "DNS: cannot resolve " + settings.host() + " (check notify.smtp.host)";
      }
      if (t instanceof ConnectException) {
        return "connect: nothing accepts connections at " + where + " (check host and port; is the server up?)";
      }
      if (t instanceof SocketTimeoutException) {
        return "timeout talking to " + where + " after " + settings.timeout().toSeconds() + " s";
      }
      if (t instanceof SSLException) {
        return "TLS: handshake with " + where + " failed (" + t.getMessage() + "); check tls/starttls and the server certificate";
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("STARTTLS")) {
      return "TLS: " + where + " does not offer STARTTLS (set tls: true for port 465, or check the port)";
    }
    return "SMTP with " + where + " failed: " + firstLine(message);
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("");
  }

  @Override
  public String describe() {
    return settings.toString() + " to " + settings.to();
  }
}
