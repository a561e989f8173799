package dev.keepsake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.ledger.Ledger;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lifetime's archive under the deployed heap: 400,000 files a source and ledger hold (fifty photos
 * a day for twenty years), most of them in one camera folder, as a phone keeps them. A no-change
 * {@code ingest} and the service's start-up reconcile ran out of a 128 MiB heap before walk and
 * ledger were compared as streams, and again while the walk held a big folder's paths and attributes
 * whole; now both finish, with peak RSS bounded. (The ledger's rows are written here directly, as a
 * first ingest would leave them: a first ingest this big is the benchmark's, not a test's.)
 */
@Tag("reliability")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LifetimeArchiveTest {
  static final int FILES = 400_000;
  /** Files in DCIM/Camera; the rest are spread over 300 folders. */
  static final int CAMERA = 350_000;

  @TempDir Path tmp;

  @Test
  void aNoChangePassAndTheServiceStartOverAFewHundredThousandFilesMostInOneFolderFitTheDeployedHeap() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    Path archive = Files.createDirectories(tmp.resolve("archive"));
    long made = System.nanoTime();
    try (Ledger ledger = Ledger.open(archive.resolve(".keepsake/ledger.db"), Clock.systemUTC())) {
      // creates the schema; the rows go in below by plain JDBC, in one transaction
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + archive.resolve(".keepsake/ledger.db"))) {
      db.setAutoCommit(false);
      try (PreparedStatement files = db.prepareStatement("INSERT INTO source_files (source, path, size, mtime_ns, file_key,"
          + " hash, state, first_seen, updated_at, removed_at) VALUES ('phone',?,?,?,?,?,'ARCHIVED',0,0,NULL)");
          PreparedStatement contents = db.prepareStatement("INSERT INTO contents (hash, archive_path, bytes, media_type,"
              + " capture_local, capture_instant, capture_offset, capture_origin, source, source_path, ingested_at)"
              + " VALUES (?,?,?,'PHOTO','2020-01-01T12:00',1577880000000,NULL,'mtime','phone',?,0)")) {
        byte[] content = new byte[16];
        for (int i = 0; i < FILES; i++) {
          String rel = i < CAMERA ? "DCIM/Camera/IMG_" + i + ".jpg" : "DCIM/" + (i % 300) + "/IMG_" + i + ".jpg";
          Path file = phone.resolve(rel);
          if (i == 0 || (i >= CAMERA && i < CAMERA + 300)) {
            Files.createDirectories(file.getParent());
          }
          ByteBuffer.wrap(content).putLong(i);
          Files.write(file, content);
          BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
          String hash = String.format("%064x", i);
          files.setString(1, rel);
          files.setLong(2, a.size());
          files.setLong(3, a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
          files.setString(4, a.fileKey().toString());
          files.setString(5, hash);
          files.addBatch();
          contents.setString(1, hash);
          contents.setString(2, "2020/01/IMG_" + i + ".jpg");
          contents.setLong(3, a.size());
          contents.setString(4, rel);
          contents.addBatch();
          if (i % 10_000 == 9_999) {
            files.executeBatch();
            contents.executeBatch();
          }
        }
        files.executeBatch();
        contents.executeBatch();
      }
      db.commit();
    }
    long setup = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - made);

    Path log = tmp.resolve("ingest.log");
    Process ingest = ChildJvm.startDeployed(log, "ingest", "--source", phone.toString(), "--archive", archive.toString(),
        "--zone", "UTC");
    long ingestPeak = watch(ingest, 5);
    String out = Files.readString(log);
    assertThat(ingest.exitValue()).as(out).isZero();
    assertThat(out).contains("archived 0 (0 bytes), duplicates 0, unchanged " + FILES + ", skipped 0, failed 0");
    assertThat(ingestPeak).as("peak RSS of the no-change pass, KiB").isLessThan(256 * 1024);

    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path runLog = tmp.resolve("run.log");
    Process run = ChildJvm.startDeployed(runLog, "run", "--source", phone.toString(), "--archive", archive.toString(),
        "--zone", "UTC", "--listen", "127.0.0.1:" + port);
    long runPeak = 0;
    String status = "";
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    try {
      while (System.nanoTime() < deadline && !Files.readString(runLog).contains("reconciled phone")) {
        runPeak = Math.max(runPeak, ChildJvm.rssKib(run.pid()));
        Thread.sleep(200);
      }
      HttpClient http = HttpClient.newHttpClient();
      // the status's truth is refreshed from the ledger every few seconds: wait for it to count everything
      while (System.nanoTime() < deadline && !status.contains("\"archivedFiles\" : " + FILES)) {
        runPeak = Math.max(runPeak, ChildJvm.rssKib(run.pid()));
        status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Thread.sleep(200);
      }
    } finally {
      run.destroy();
      run.waitFor(60, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(runLog)).contains("reconciled phone: archived 0 (0 bytes), duplicates 0, unchanged " + FILES);
    assertThat(status).contains("\"archivedFiles\" : " + FILES).contains("safe to delete everything up to");
    assertThat(runPeak).as("peak RSS of the service's start-up reconcile, KiB").isLessThan(256 * 1024);
    Figures.print("lifetime archive", "files " + FILES + ", " + CAMERA + " of them in one folder (set up in " + setup + " s), no-change ingest peak RSS "
        + ingestPeak / 1024 + " MiB, service start-up reconcile peak RSS " + runPeak / 1024 + " MiB (deployed flags)");
  }

  /** Waits for {@code p} (at most {@code minutes}), returning its peak RSS in KiB. */
  private static long watch(Process p, int minutes) throws IOException, InterruptedException {
    long peak = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, ChildJvm.rssKib(p.pid()));
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        break;
      }
    }
    return peak;
  }
}
