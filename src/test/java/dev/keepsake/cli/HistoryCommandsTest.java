package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code keepsake why} and {@code keepsake forget}, through the command line, on a real ingest. */
@Timeout(60)
class HistoryCommandsTest {
  @TempDir Path tmp;
  private final Cli cli = new Cli();
  Path phone;
  Path archive;
  Path config;

  @BeforeEach
  void aPhoneWithADuplicateAndADeletedPhoto() throws Exception {
    phone = Files.createDirectories(tmp.resolve("pixel"));
    Path camera = Files.createDirectories(phone.resolve("DCIM/Camera"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    Files.write(camera.resolve("IMG_20230916_123456.jpg"), jpeg().original("2023:09:16 12:34:56").salt("a").bytes());
    Files.copy(camera.resolve("IMG_20230916_123456.jpg"), Files.createDirectories(phone.resolve("WhatsApp")).resolve("IMG-sent.jpg"));
    Files.write(camera.resolve("IMG_2.jpg"), jpeg().original("2023:10:01 08:00:00").salt("b").bytes());
    config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: %s, zone: Europe/Berlin }
        sources: { pixel: { path: %s } }
        """.formatted(archive, phone));
    assertThat(cli.run("ingest", "--config", config.toString())).isZero();
  }

  @Test
  void whyTellsTheWholeLifeOfAFileAskedByNameSourcePathOrArchivePath() throws Exception {
    Files.delete(phone.resolve("DCIM/Camera/IMG_20230916_123456.jpg")); // cleared from the phone
    assertThat(cli.run("ingest", "--config", config.toString())).isZero();

    for (String asked : new String[] {"IMG_20230916_123456.jpg", "pixel:DCIM/Camera/IMG_20230916_123456.jpg",
        "DCIM/Camera/IMG_20230916_123456.jpg", "2023/09/IMG_20230916_123456.jpg"}) {
      assertThat(cli.run("why", "--config", config.toString(), asked)).as(asked).isZero();
      assertThat(cli.out).as(asked)
          .startsWith("2023/09/IMG_20230916_123456.jpg")
          .contains("first seen at pixel:DCIM/Camera/IMG_20230916_123456.jpg")
          .contains("dated 2023-09-16 12:34:56 by exif-original")
          .contains("the other rules said: filename 2023-09-16 12:34:56; mtime ")
          .contains("archived as 2023/09/IMG_20230916_123456.jpg")
          .contains("first seen at pixel:WhatsApp/IMG-sent.jpg (same content as 2023/09/IMG_20230916_123456.jpg: not copied again)")
          .contains("left the source pixel:DCIM/Camera/IMG_20230916_123456.jpg (the archive keeps it)")
          .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d CES?T  first seen");
    }
    assertThat(cli.run("why", "--config", config.toString(), "IMG_404.jpg")).isEqualTo(1);
    assertThat(cli.err).contains("knows no file at or named IMG_404.jpg");
    assertThat(cli.run("why", "--config", config.toString(), "%.jpg")).as("no LIKE wildcards").isEqualTo(1);
    assertThat(cli.run("why", "--config", config.toString(), " ")).isEqualTo(2);
  }

  @Test
  void aFileThatCouldNotBeArchivedTellsItsFailuresAndItsNextTry() throws Exception {
    Files.write(phone.resolve("DCIM/Camera/IMG_old.jpg"), jpeg().original("2019:05:05 05:05:05").salt("o").bytes());
    Files.writeString(archive.resolve("2019"), "a file where the 2019 folder belongs");
    assertThat(cli.run("ingest", "--config", config.toString())).isEqualTo(1);
    assertThat(cli.run("why", "--config", config.toString(), "IMG_old.jpg")).isZero();
    assertThat(cli.out).startsWith("pixel:DCIM/Camera/IMG_old.jpg")
        .contains("waiting: pixel:DCIM/Camera/IMG_old.jpg failed 1 time [io-error]").contains("next try ")
        .doesNotContain("archived as");

    Files.delete(phone.resolve("DCIM/Camera/IMG_old.jpg")); // deleted on the phone before it could be archived
    assertThat(cli.run("ingest", "--config", config.toString(), "--dry-run")).as("the dry run predicts the loss").isEqualTo(1);
    assertThat(cli.err).contains("failed: pixel:DCIM/Camera/IMG_old.jpg").contains("vanished-before-copy");
    assertThat(cli.run("ingest", "--config", config.toString())).as("a loss is a failure, said as such").isEqualTo(1);
    assertThat(cli.err).contains("failed: pixel:DCIM/Camera/IMG_old.jpg").contains("vanished-before-copy");
    assertThat(cli.run("why", "--config", config.toString(), "IMG_old.jpg")).as("its history stays").isZero();
    assertThat(cli.out).startsWith("pixel:DCIM/Camera/IMG_old.jpg")
        .contains("LOST: it left the source before it could be archived").doesNotContain("waiting:");
  }

  @Test
  void aNameTypedDecomposedFindsTheComposedOneAndControlCharactersAreShownEscaped() throws Exception {
    String composed = java.text.Normalizer.normalize("Café.jpg", java.text.Normalizer.Form.NFC);
    Files.write(phone.resolve("DCIM/Camera/" + composed), jpeg().original("2022:02:02 10:00:00").salt("c").bytes());
    Files.write(phone.resolve("DCIM/Camera/evil\u001b[2J.jpg"),
        jpeg().original("2022:03:03 10:00:00").salt("e").bytes());
    assertThat(cli.run("ingest", "--config", config.toString(), "-v")).isZero();
    assertThat(cli.out).doesNotContain("\u001b").contains("evil\\x1b[2J.jpg");
    assertThat(cli.run("why", "--config", config.toString(), java.text.Normalizer.normalize("Café.jpg", java.text.Normalizer.Form.NFD)))
        .isZero();
    assertThat(cli.out).contains("archived as 2022/02/" + composed);
    assertThat(cli.run("why", "--config", config.toString(), "evil\u001b[2J.jpg")).isZero();
    assertThat(cli.out).doesNotContain("\u001b").contains("evil\\x1b[2J.jpg");
    assertThat(cli.run("verify", "--config", config.toString(), "--sample", "0")).isEqualTo(2);
    assertThat(cli.err).contains("give 1 or more");
  }

  @Test
  void aFileRescuedFromStversionsSaysSo() throws Exception {
    Path kept = Files.createDirectories(phone.resolve(".stversions/DCIM/Camera"));
    Files.write(kept.resolve("IMG_9~20231001-101010.jpg"), jpeg().original("2023:10:02 09:00:00").salt("gone").bytes());
    assertThat(cli.run("hook", "--config", config.toString(), "--server", "127.0.0.1:1", "--folder", "pixel",
        "DCIM/Camera/IMG_9.jpg")).isZero();
    assertThat(cli.run("why", "--config", config.toString(), "IMG_9.jpg")).isZero();
    assertThat(cli.out).contains("archived as 2023/10/IMG_9.jpg")
        .contains("rescued from .stversions/DCIM/Camera/IMG_9~20231001-101010.jpg");
  }

  @Test
  void aForgottenFileIsNotMissingAndNeverArchivedAgain() throws Exception {
    Path archived = archive.resolve("2023/10/IMG_2.jpg");
    byte[] content = Files.readAllBytes(archived);
    Files.delete(archived); // the owner deletes a bad photo from the archive

    assertThat(cli.run("verify", "--config", config.toString())).isEqualTo(1);
    assertThat(cli.err).contains("missing: 2023/10/IMG_2.jpg");
    assertThat(cli.run("forget", "--config", config.toString(), "2023/10/IMG_2.jpg", "2023/10/nothing.jpg")).isEqualTo(1);
    assertThat(cli.out).contains("forgotten: 2023/10/IMG_2.jpg").doesNotContain("still in the archive");
    assertThat(cli.err).contains("not archived: 2023/10/nothing.jpg");
    assertThat(cli.run("verify", "--config", config.toString())).isZero();
    assertThat(cli.out).contains("missing 0");

    // the phone re-syncs it under another name, and it comes back from another phone too
    Files.write(phone.resolve("DCIM/Camera/IMG_2 (1).jpg"), content);
    Files.write(Files.createDirectories(phone.resolve("Other")).resolve("copy.jpg"), content);
    assertThat(cli.run("ingest", "--config", config.toString())).isZero();
    assertThat(cli.out).contains("archived 0");
    try (var files = Files.walk(archive)) {
      assertThat(files.filter(Files::isRegularFile).filter(p -> !archive.relativize(p).startsWith(".keepsake")))
          .hasSize(1);
    }
    assertThat(cli.run("why", "--config", config.toString(), "IMG_2.jpg")).isZero();
    assertThat(cli.out).contains("forgotten on purpose (keepsake forget 2023/10/IMG_2.jpg): its content is never archived again")
        .contains("first seen at pixel:Other/copy.jpg (content forgotten on purpose: not archived again)");
  }
}
