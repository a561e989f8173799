package dev.keepsake.notify;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The mail contract against the outbox: {@code .eml} files, read back as a mail client would. */
@Timeout(60)
class OutboxTransportContractTest extends MailTransportContract {
  @TempDir Path tmp;

  @Override
  MailTransport working() throws Exception {
    Files.createDirectories(tmp.resolve("archive")); // the outbox's root, the archive, is there
    return new OutboxTransport(tmp.resolve("archive/.keepsake/outbox"), tmp.resolve("archive"), "keepsake@nas",
        List.of("me@home"), Clock.systemUTC());
  }

  @Override
  MailTransport broken() throws Exception {
    Files.createDirectories(tmp.resolve("full/.keepsake"));
    Files.writeString(tmp.resolve("full/.keepsake/outbox"), "a file where the folder should be");
    return new OutboxTransport(tmp.resolve("full/.keepsake/outbox"), tmp.resolve("full"), "keepsake@nas",
        List.of("me@home"), Clock.systemUTC());
  }

  @Override
  List<MimeMessage> delivered() throws Exception {
    List<MimeMessage> mails = new ArrayList<>();
    Path outbox = tmp.resolve("archive/.keepsake/outbox");
    if (!Files.isDirectory(outbox)) {
      return mails;
    }
    try (Stream<Path> files = Files.list(outbox)) {
      for (Path eml : files.sorted().toList()) {
        if (eml.getFileName().toString().endsWith(".eml")) {
          try (InputStream in = Files.newInputStream(eml)) {
            mails.add(new MimeMessage(Session.getInstance(new Properties()), in));
          }
        } else {
          throw new AssertionError("the outbox holds something that is not a whole mail: " + eml);
        }
      }
    }
    return mails;
  }
}
