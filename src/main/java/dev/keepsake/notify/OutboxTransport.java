package dev.keepsake.notify;

import dev.keepsake.archive.Permissions;
import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * When no SMTP server is configured, each mail becomes an {@code .eml} file in an outbox folder
 * (written to a temp name, fsync'd, given its name): never lost, never silent — a mail client opens
 * them. The outbox is reached from {@code confinedTo} (the archive root for the default
 * {@code <archive>/.keepsake/outbox}) without following links, so a link planted there carries no
 * mail out of it.
 */
public final class OutboxTransport implements MailTransport {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path outbox;
  private final Path confinedTo;
  private final String from;
  private final List<String> to;
  private final Clock clock;

  /** An outbox confined to itself: its own path may hold links (the owner chose it), nothing below it. */
  public OutboxTransport(Path outbox, String from, List<String> to, Clock clock) {
    this(outbox, outbox, from, to, clock);
  }

  /** @param confinedTo a folder that holds {@code outbox} (or is it): below it, no link is followed */
  public OutboxTransport(Path outbox, Path confinedTo, String from, List<String> to, Clock clock) {
    this.outbox = outbox.toAbsolutePath().normalize();
    this.confinedTo = confinedTo.toAbsolutePath().normalize();
    if (!this.outbox.startsWith(this.confinedTo)) {
      throw new IllegalArgumentException("outbox " + outbox + " is not inside " + confinedTo);
    }
    this.from = from;
    this.to = to;
    this.clock = clock;
  }

  @Override
  public void send(MailMessage mail) throws MailException {
    try {
      if (confinedTo.equals(outbox)) {
        Files.createDirectories(outbox); // the configured folder itself; nothing below it is made by path
      }
      MimeMessage message = MimeMessages.build(Session.getInstance(new Properties()), from, to, mail, clock.instant());
      String name = STAMP.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
      String temp = "." + name + ".tmp";
      String relative = confinedTo.relativize(outbox).toString();
      try (Folder folder = new ConfinedRoot(confinedTo).folderCreating(relative, Permissions.of(0750), made -> { })) {
        try (FileChannel channel = folder.createNew(temp)) {
          OutputStream out = Channels.newOutputStream(channel);
          message.writeTo(out);
          out.flush();
          channel.force(true);
        }
        folder.setMode(temp, Permissions.of(0640)); // a digest names the owner's files: not for every user
        folder.link(temp, name); // never replaces a mail already there
        folder.delete(temp);
        folder.fsync();
      }
    } catch (IOException | MessagingException e) {
      String why = e instanceof java.nio.file.NoSuchFileException ? e.getMessage() + " does not exist"
          : e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException
          ? e.getMessage() + " is in the way (not a folder)" : e.getMessage();
      throw new MailException("outbox " + outbox + ": cannot write the mail (" + why + ")", e);
    }
  }

  @Override
  public String describe() {
    return "outbox " + outbox + " (.eml files; set notify.smtp to send mail)";
  }
}
