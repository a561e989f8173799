package dev.keepsake.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * When no SMTP server is configured, each mail becomes an {@code .eml} file in an outbox folder
 * (written to a temp name, fsync'd, renamed): never lost, never silent — a mail client opens them.
 */
public final class OutboxTransport implements MailTransport {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path outbox;
  private final String from;
  private final List<String> to;
  private final Clock clock;

  public OutboxTransport(Path outbox, String from, List<String> to, Clock clock) {
    this.outbox = outbox;
    this.from = from;
    this.to = to;
    this.clock = clock;
  }

  @Override
  public void send(MailMessage mail) throws MailException {
    try {
      Files.createDirectories(outbox);
      MimeMessage message = MimeMessages.build(Session.getInstance(new Properties()), from, to, mail, clock.instant());
      String name = STAMP.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
      Path temp = outbox.resolve("." + name + ".tmp");
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        message.writeTo(out);
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(temp, outbox.resolve(name));
    } catch (IOException | MessagingException e) {
      throw new MailException("outbox " + outbox + ": cannot write the mail (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public String describe() {
    return "outbox " + outbox + " (.eml files; set notify.smtp to send mail)";
  }
}
