package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The rough edges a new owner hit, each as they tried it (issue 16, point 4). */
@Timeout(60)
class RoughEdgesTest {
  @TempDir Path tmp;
  private final Cli cli = new Cli();

  @Test
  void keepsakeAloneListsItsCommands() {
    assertThat(cli.run()).isEqualTo(2);
    assertThat(cli.err).contains("ingest").contains("run").contains("why").contains("forget").contains("doctor")
        .doesNotContain("Missing required");
  }

  @Test
  void theVersionIsTheRelease() {
    assertThat(cli.run("-V")).isZero();
    assertThat(cli.out.strip()).matches("keepsake \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?").doesNotContain("dev");
  }

  @Test
  void aDryRunPredictsADuplicateWithinTheSamePassAsTheRealRunFindsIt() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    for (int i = 1; i <= 4; i++) {
      Files.write(phone.resolve("IMG_" + i + ".jpg"), jpeg().original("2023:0" + i + ":01 10:00:00").salt("v" + i).bytes());
    }
    Files.copy(phone.resolve("IMG_2.jpg"), Files.createDirectories(tmp.resolve("pixel/WhatsApp")).resolve("IMG-2.jpg"));
    // two different photos that want the same archive name, and one whose month folder is blocked by a file
    Files.write(tmp.resolve("pixel/WhatsApp/IMG_1.jpg"), jpeg().original("2023:01:01 10:00:00").salt("other").bytes());
    Files.write(phone.resolve("IMG_9.jpg"), jpeg().original("2019:05:05 10:00:00").salt("blocked").bytes());
    Files.writeString(Files.createDirectories(archive.resolve("2019")).resolve("05"), "a file where a folder belongs");
    String[] args = {"ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--zone", "UTC"};

    assertThat(cli.run(append(args, "--dry-run", "-v"))).isEqualTo(1);
    String predicted = summary(cli.out);
    java.util.List<String> predictedPaths = cli.out.lines().filter(l -> l.startsWith("would archive "))
        .map(l -> l.substring(l.indexOf(" -> ") + 4, l.indexOf(" (", l.indexOf(" -> ")))).sorted().toList();
    assertThat(cli.err).contains("failed: pixel:DCIM/IMG_9.jpg").contains("is a file, not a folder");
    assertThat(cli.run(append(args, "-v"))).isEqualTo(1);
    String real = summary(cli.out);
    java.util.List<String> realPaths = cli.out.lines().filter(l -> l.startsWith("archived ") && l.contains(" -> "))
        .map(l -> l.substring(l.indexOf(" -> ") + 4, l.indexOf(" (", l.indexOf(" -> ")))).sorted().toList();
    assertThat(predicted).isEqualTo(real).startsWith("archived 5").contains("duplicates 1").contains("failed 1");
    assertThat(predictedPaths).isEqualTo(realPaths).hasSize(5).anyMatch(p -> p.matches("2023/01/IMG_1~[0-9a-f]{8}\\.jpg"));
  }

  @Test
  void rebuildLedgerLeavesNonMediaAndAMovedAsideLedgerOutAndTheReportCountsNoArrivals() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    for (int i = 1; i <= 2; i++) {
      Files.write(phone.resolve("IMG_" + i + ".jpg"), jpeg().original("2023:0" + i + ":01 10:00:00").salt("r" + i).bytes());
    }
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--zone", "UTC")).isZero();
    Path ledger = archive.resolve(".keepsake/ledger.db");
    Files.move(ledger, archive.resolve("ledger-old.db")); // the owner moved the lost one aside, into the archive
    Files.writeString(archive.resolve("2023/01/notes.txt"), "what these are");

    assertThat(cli.run("rebuild-ledger", "--archive", archive.toString(), "--zone", "UTC")).isZero();
    assertThat(cli.out).contains("not media, left as it is: ledger-old.db").contains("not media, left as it is: 2023/01/notes.txt")
        .contains("rebuilt 2 content rows").contains("2 files not media, not recorded");
    try (var db = DriverManager.getConnection("jdbc:sqlite:" + ledger);
        var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM contents")) {
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
    Path config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: %s, zone: UTC }
        sources: { pixel: { path: %s } }
        """.formatted(archive, tmp.resolve("pixel")));
    assertThat(cli.run("report", "--config", config.toString())).isZero();
    assertThat(cli.out).contains("weekly report: 0 files archived, 0 open problems").doesNotContain("Source rebuilt")
        .contains("Archive: 2 files");
  }

  @Test
  void aDayThatIsNotADayIsOneClearLineAndTheCommonWordsWork() throws Exception {
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Files.createDirectories(tmp.resolve("pixel"));
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString())).isZero();

    assertThat(cli.run("verify", "--archive", archive.toString(), "--since", "someday")).isEqualTo(2);
    assertThat(cli.err).contains("'someday' is not a day").contains("yyyy-MM-dd").contains("yesterday")
        .doesNotContain("Exception").doesNotContain("Usage:");
    assertThat(cli.err.lines().count()).isLessThanOrEqualTo(2);
    for (String day : new String[] {"yesterday", "today", "7d", "2026-01-31"}) {
      assertThat(cli.run("verify", "--archive", archive.toString(), "--since", day)).as(day).isZero();
    }
  }

  @Test
  void aMissingKeyFileIsNamedOnceWithTheReasonAndTheFix() throws Exception {
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Path missing = tmp.resolve("secrets/syncthing.key");
    Path config = Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: %s }
        sources: { pixel: { syncthing-folder: abcd-1234 } }
        syncthing: { url: "http://127.0.0.1:1", api-key-file: %s }
        """.formatted(archive, missing));
    assertThat(cli.run("run", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).contains("syncthing.api-key-file").contains("does not exist").contains("chmod 600");
    assertThat(Pattern.compile(Pattern.quote(missing.toString())).matcher(cli.err).results().count()).isEqualTo(1);

    assertThat(cli.run("doctor", "--config", config.toString())).isEqualTo(1);
    assertThat(cli.out).as("one FAIL does not hide the other checks").contains("FAIL  syncthing.api-key-file")
        .contains("archive ").contains("ledger");
    assertThat(cli.out.lines().filter(l -> l.startsWith("ok") || l.startsWith("warn") || l.startsWith("FAIL")).count())
        .isGreaterThan(4);
    assertThat(cli.run("status", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).as("status needs no secret").contains("no service answers").doesNotContain("api-key-file");
    for (String[] command : new String[][] {{"why", "IMG_1.jpg"}, {"verify"}, {"forget", "2023/IMG_1.jpg"}}) {
      String[] args = append(new String[] {command[0], "--config", config.toString()},
          java.util.Arrays.copyOfRange(command, 1, command.length));
      cli.run(args);
      assertThat(cli.err).as(command[0] + " needs no secret").doesNotContain("api-key-file").contains("no ledger");
    }

    Files.createDirectories(missing.getParent());
    Files.writeString(missing, "");
    assertThat(cli.run("run", "--config", config.toString())).isEqualTo(2);
    assertThat(cli.err).contains("is empty");
  }

  @Test
  void runAndIngestNameTheDefaultConfigWhenGivenNothing() {
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(ConfigSources.DEFAULT_CONFIG), "this machine has a real config");
    for (String command : new String[] {"run", "ingest"}) {
      assertThat(cli.run(command)).as(command).isEqualTo(2);
      assertThat(cli.err).as(command).contains("no --config given and /etc/keepsake/keepsake.yaml does not exist")
          .contains("--source DIR --archive DIR").doesNotContain("Usage:");
    }
  }

  private static String summary(String out) {
    return out.lines().filter(l -> l.startsWith("archived ") && l.contains("duplicates")).findFirst().orElse(out)
        .replaceAll(" in [0-9.]+ s$", "");
  }

  private static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
