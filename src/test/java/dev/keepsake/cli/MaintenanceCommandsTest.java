package dev.keepsake.cli;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.ingest.IngestQueue;
import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.server.StatusServer;
import dev.keepsake.source.Source;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** verify (the mock recovery), rebuild-ledger and status, through the command line. */
@Timeout(60)
class MaintenanceCommandsTest {
  @TempDir Path tmp;
  Path phone;
  Path archive;

  @BeforeEach
  void ingestSomePhotos() throws Exception {
    phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    for (int i = 1; i <= 4; i++) {
      Files.write(phone.resolve("IMG_" + i + ".jpg"), jpeg().original("2023:0" + i + ":01 10:00:00").salt("v" + i).bytes());
    }
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--zone", "UTC")).isZero();
  }

  private final Cli cli = new Cli();

  @Test
  void verifyPassesOnAnIntactArchive() {
    assertThat(cli.run("verify", "--archive", archive.toString())).isZero();
    assertThat(cli.out).contains("verified 4 files").contains("missing 0, corrupt 0, unknown 0");
    assertThat(cli.run("verify", "--archive", archive.toString(), "--sample", "2")).isZero();
    assertThat(cli.out).contains("verified 2 files");
  }

  @Test
  void verifyFindsAFlippedByteAMissingFileAndAStranger() throws Exception {
    Path corrupt = archive.resolve("2023/02/IMG_2.jpg");
    byte[] bytes = Files.readAllBytes(corrupt);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(corrupt, bytes);
    Files.delete(archive.resolve("2023/03/IMG_3.jpg"));
    Files.writeString(archive.resolve("2023/01/notes.txt"), "put here by hand");
    assertThat(cli.run("verify", "--archive", archive.toString())).isEqualTo(1);
    assertThat(cli.err).contains("corrupt: 2023/02/IMG_2.jpg").contains("missing: 2023/03/IMG_3.jpg");
    assertThat(cli.out).contains("unknown: 2023/01/notes.txt").contains("missing 1, corrupt 1, unknown 1");
  }

  @Test
  void aRebuiltLedgerGivesTheSameDedupeDecisions() throws Exception {
    Path ledger = archive.resolve(".keepsake/ledger.db");
    Files.delete(ledger);
    Files.deleteIfExists(archive.resolve(".keepsake/ledger.db-wal"));
    Files.deleteIfExists(archive.resolve(".keepsake/ledger.db-shm"));
    assertThat(cli.run("rebuild-ledger", "--archive", archive.toString(), "--zone", "UTC")).isZero();
    assertThat(cli.out).contains("rebuilt 4 content rows");
    assertThat(cli.run("rebuild-ledger", "--archive", archive.toString())).isEqualTo(2);
    assertThat(cli.err).contains("a ledger exists").contains("move it aside");

    Files.write(phone.resolve("IMG_5.jpg"), jpeg().original("2023:05:01 10:00:00").salt("v5").bytes());
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString(), "--zone", "UTC")).isZero();
    assertThat(cli.out).startsWith("archived 1 (").contains("duplicates 4");
    assertThat(cli.run("verify", "--archive", archive.toString())).isZero();
    assertThat(cli.out).contains("verified 5 files");
  }

  @Test
  void aDamagedLedgerPointsToRebuildLedger() throws Exception {
    Path ledger = archive.resolve(".keepsake/ledger.db");
    Files.deleteIfExists(archive.resolve(".keepsake/ledger.db-wal"));
    Files.deleteIfExists(archive.resolve(".keepsake/ledger.db-shm"));
    Files.writeString(ledger, "garbage ".repeat(1000));
    assertThat(cli.run("ingest", "--source", tmp.resolve("pixel").toString(), "--archive", archive.toString())).isEqualTo(2);
    assertThat(cli.err).contains("is damaged").contains("keepsake rebuild-ledger");
  }

  @Test
  void statusShowsTheRunningServiceOrSaysNoneRuns() throws Exception {
    ServiceStats stats = new ServiceStats(Instant.parse("2026-11-26T10:00:00Z"));
    stats.source("pixel").archivedFiles.set(4);
    StatusServer server = new StatusServer(new InetSocketAddress("127.0.0.1", 0), stats, new IngestQueue(10),
        Map.of("pixel", Source.of("pixel", phone.getParent())), Map.of(), Clock.systemUTC(), null);
    try {
      assertThat(cli.run("status", "--server", "127.0.0.1:" + server.address().getPort())).isZero();
      assertThat(cli.out).contains("healthy").contains("source pixel").contains("4 files in the archive").contains("pixel: NOT safe yet").contains("syncthing: not configured");
    } finally {
      server.close();
    }
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    assertThat(cli.run("status", "--server", "127.0.0.1:" + port)).isEqualTo(2);
    assertThat(cli.err).contains("no service answers");
  }
}
