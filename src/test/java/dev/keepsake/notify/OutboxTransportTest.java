package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OutboxTransportTest {
  @TempDir Path tmp;

  @Test
  void writesAMultipartEmlWithTextHtmlAndTheInlineChart() throws Exception {
    OutboxTransport outbox = new OutboxTransport(tmp.resolve("outbox"), "keepsake@nas", List.of("me@home"), Clock.systemUTC());
    outbox.send(new MailMessage("subject ü", "plain text", "<p>html</p>", BarChart.png(List.of(1L, 3L, 0L))));
    List<Path> files;
    try (Stream<Path> s = Files.list(tmp.resolve("outbox"))) {
      files = s.toList();
    }
    assertThat(files).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".eml"));
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))))
        .as("a digest names the owner's files").isEqualTo("rw-r-----");
    String eml = Files.readString(files.get(0));
    assertThat(eml).contains("multipart/alternative").contains("multipart/related").contains("text/html")
        .contains("Content-ID: <chart>").contains("To: me@home");
  }
}
