package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** The command-line contract: flags, the summary line, exit codes 0 / 1 / 2 and their messages. */
@Timeout(60)
class IngestCommandTest {
  private static final String SUMMARY =
      "archived \\d+ \\(\\d+ bytes\\), duplicates \\d+, unchanged \\d+, skipped \\d+, failed \\d+ in \\d+\\.\\d s";

  @TempDir Path tmp;
  Path phone;
  Path archive;

  @BeforeEach
  void setUp() throws IOException {
    phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
  }

  private final Cli cli = new Cli();

  @Test
  void ingestPrintsTheSummaryLineAndExitsZero() {
    int code = cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--zone", "UTC");
    assertThat(code).isZero();
    assertThat(cli.out.strip()).matches(SUMMARY).startsWith("archived 1 (");
    assertThat(archive.resolve("2023/09/IMG_1.jpg")).exists();
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString())).isZero();
    assertThat(cli.out.strip()).matches(SUMMARY).startsWith("archived 0 (0 bytes), duplicates 0, unchanged 1,");
  }

  @Test
  void verboseNamesWhatIsSkippedAndWhy() throws IOException {
    Path camera = tmp.resolve("pixel/DCIM");
    Files.createSymbolicLink(camera.resolve("IMG_link.jpg"), camera.resolve("IMG_1.jpg"));
    Files.writeString(camera.resolve("notes.txt"), "not a photo");
    int code = cli.run("ingest", "-v", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--zone", "UTC");
    assertThat(code).isZero();
    assertThat(cli.out).contains("skipped pixel:DCIM/IMG_link.jpg (symbolic link, not followed)")
        .contains("skipped pixel:DCIM/notes.txt (not a photo or video")
        .contains("archived pixel:DCIM/IMG_1.jpg -> 2023/09/IMG_1.jpg");
    assertThat(cli.out.strip().lines().reduce((a, b) -> b).orElseThrow()).matches(SUMMARY).contains("skipped 2");
  }

  @Test
  void failedFilesExitOneAndAreListedOnStderr() throws IOException {
    Files.writeString(archive.resolve("2023"), "a file where a folder must go");
    int code = cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString());
    assertThat(code).isEqualTo(1);
    assertThat(cli.err).contains("failed: pixel:DCIM/IMG_1.jpg").contains("is a file, not a folder");
    assertThat(cli.out.strip()).matches(SUMMARY).contains("failed 1");
  }

  @Test
  void usageAndConfigErrorsExitTwoNamingTheFlag() {
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--layout", "{yyyy}/{month}/{name}"))
        .isEqualTo(2);
    assertThat(cli.err).contains("--layout").contains("{month}");
    assertThat(cli.run("ingest", "--source", tmp.resolve("nope").toString(), "--archive", archive.toString())).isEqualTo(2);
    assertThat(cli.err).contains("--source").contains("does not exist");
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", tmp.resolve("missing").toString())).isEqualTo(2);
    assertThat(cli.err).contains("does not exist").contains("mkdir -p");
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--zone", "Mars/Base")).isEqualTo(2);
    assertThat(cli.err).contains("--zone").contains("Mars/Base");
    assertThat(cli.run("ingest", "--archive", archive.toString())).isEqualTo(2);
    assertThat(cli.run("ingest")).isEqualTo(2);
  }

  @Test
  void configFileDrivesTheIngestAndTyposAreNamed() throws IOException {
    Path config = tmp.resolve("keepsake.yaml");
    Files.writeString(config, """
        archive: { root: archive, layout: "{source}/{yyyy}/{name}", zone: UTC }
        sources:
          pixel: { path: pixel, include: ["DCIM/**"] }
        """);
    assertThat(cli.run("ingest", "--config", config.toString())).isZero();
    assertThat(archive.resolve("pixel/2023/IMG_1.jpg")).exists();

    Files.writeString(config, """
        archive: { root: archive }
        sources:
          pixel: { path: pixel, exlude: ["**/.thumbnails/**"] }
        """);
    assertThat(cli.run("ingest", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).contains("sources.pixel.exlude").contains("did you mean 'exclude'");
  }

  @Test
  void dryRunSaysWhatItWouldDoAndWritesNothing() throws IOException {
    int code = cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--dry-run");
    assertThat(code).isZero();
    assertThat(cli.out).contains("would archive pixel:DCIM/IMG_1.jpg -> 2023/09/IMG_1.jpg").contains("dry run: nothing was written");
    try (var s = Files.list(archive)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void overlappingSourcesAndArchiveAreRefusedNamingBoth() throws IOException {
    Path pixel = tmp.resolve("pixel");
    String[][] cases = {
        {pixel.toString(), pixel.toString()},                                      // the source is the archive
        {pixel.toString(), Files.createDirectories(pixel.resolve("archive")).toString()}, // archive inside the source
        {Files.createDirectories(archive.resolve("inbox")).toString(), archive.toString()}, // source inside the archive
    };
    for (String[] c : cases) {
      assertThat(cli.run("ingest", "--source", c[0], "--archive", c[1])).as(c[0] + " / " + c[1]).isEqualTo(2);
      assertThat(cli.err).contains(Path.of(c[0]).toRealPath().toString()).contains(Path.of(c[1]).toRealPath().toString());
    }
    assertThat(cli.run("ingest", "--source", pixel.toString(), "--source", phone.toString(), "--archive", archive.toString()))
        .isEqualTo(2);
    assertThat(cli.err).contains("archived twice");
    Path link = Files.createSymbolicLink(tmp.resolve("archive-link"), archive); // a link must not hide the overlap
    assertThat(cli.run("ingest", "--source", archive.resolve("inbox").toString(), "--archive", link.toString())).isEqualTo(2);
    Path config = Files.writeString(tmp.resolve("k.yaml"),
        "archive: { root: archive }\nledger: pixel/ledger.db\nsources:\n  pixel: { path: pixel }\n");
    assertThat(cli.run("ingest", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).contains("ledger").contains("inside the source sources.pixel.path");
    assertThat(pixel.resolve("ledger.db")).doesNotExist();
  }
}
