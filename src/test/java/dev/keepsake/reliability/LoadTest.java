package dev.keepsake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.archive.ContentHash;

import dev.keepsake.testing.JpegFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * 100,000 small files arrive in one burst while 20 hook calls come in at once: the service (its own
 * JVM, the deploy files' JVM flags) archives every one and stays within its memory bound.
 */
@Tag("reliability")
@Timeout(600)
class LoadTest {
  static final int FILES = 100_000;
  @TempDir Path tmp;

  @Test
  void aHundredThousandFilesAndTwentyConcurrentHooks() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path log = tmp.resolve("service.log");
    Process service = ChildJvm.startDeployed(log, "run",
        "--source", phone.toString(), "--archive", archive.toString(), "--listen", "127.0.0.1:" + port);
    long peak = 0;
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI ingest = URI.create("http://127.0.0.1:" + port + "/api/ingest");
      waitForService(http, port);
      for (int i = 0; i < FILES; i++) { // the burst: a phone's whole camera roll lands at once
        Path f = phone.resolve("DCIM/" + (i % 500) + "/IMG_" + i + ".jpg");
        if (i < 500) {
          Files.createDirectories(f.getParent());
        }
        Files.write(f, JpegFixture.jpeg().original("2020:0" + (1 + i % 9) + ":01 10:00:00").salt("load " + i).bytes());
        if (i % 10_000 == 0) {
          peak = Math.max(peak, ChildJvm.rssKib(service.pid()));
        }
      }
      ExecutorService hooks = Executors.newFixedThreadPool(20);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int h = 0; h < 20; h++) {
        int start = h * 50;
        answers.add(hooks.submit(() -> {
          StringBuilder body = new StringBuilder("{\"source\":\"phone\",\"paths\":[");
          for (int i = start; i < start + 50; i++) {
            body.append(i == start ? "" : ",").append("\"DCIM/").append(i % 500).append("/IMG_").append(i).append(".jpg\"");
          }
          body.append("]}");
          return http.send(HttpRequest.newBuilder(ingest).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode();
        }));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(202);
      }
      hooks.shutdown();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
      long archived = 0;
      while (System.nanoTime() < deadline) {
        peak = Math.max(peak, ChildJvm.rssKib(service.pid()));
        archived = archivedCount(http, port);
        if (archived >= FILES) {
          break;
        }
        Thread.sleep(1000);
      }
      assertThat(archived).as(Files.readString(log).lines().limit(20).toList().toString()).isEqualTo(FILES);
    } finally {
      service.destroy();
      service.waitFor(60, TimeUnit.SECONDS);
    }
    Set<ContentHash> sent = hashes(phone);
    List<Path> onDisk;
    try (Stream<Path> s = Files.walk(archive)) {
      onDisk = s.filter(Files::isRegularFile).filter(p -> !archive.relativize(p).startsWith(".keepsake")).toList();
    }
    Set<ContentHash> kept = new HashSet<>();
    for (Path p : onDisk) {
      kept.add(ContentHash.of(p));
    }
    int duplicates = onDisk.size() - kept.size();
    Set<ContentHash> lost = new HashSet<>(sent);
    lost.removeAll(kept);
    assertThat(sent).hasSize(FILES);
    assertThat(lost).isEmpty();
    assertThat(duplicates).isZero();
    assertThat(peak).as("peak RSS KiB").isLessThan(256 * 1024);
    Figures.print("load", "files " + FILES + " in one burst + 20 concurrent hooks, archived " + onDisk.size()
        + ", lost " + lost.size() + ", duplicates " + duplicates + ", peak RSS " + peak / 1024 + " MiB (deployed flags: " + String.join(" ", DeployedJvm.flags()) + ")");
  }

  private static void waitForService(HttpClient http, int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());
        return;
      } catch (Exception notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the service did not start");
  }

  private static long archivedCount(HttpClient http, int port) throws Exception {
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(l -> l.startsWith("keepsake_archived_files_total{"))
        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static Set<ContentHash> hashes(Path tree) throws java.io.IOException {
    Set<ContentHash> out = new HashSet<>();
    try (Stream<Path> s = Files.walk(tree)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.add(ContentHash.of(p));
      }
    }
    return out;
  }
}
