import dev.keepsake.testing.JpegFixture;
import dev.keepsake.testing.SyncthingPair;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's figures with a real Syncthing pair: latency from the NAS-side file's final rename to
 * its archive copy, and idle CPU and RSS with many archived files. Run by src/bench/service.
 *
 * <pre>java -cp CLASSPATH src/bench/ServiceBench.java JAR WORKDIR PHOTOS IDLE_FILES IDLE_SECONDS JVM_FLAGS</pre>
 */
public class ServiceBench {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createDirectories(Path.of(args[1]));
    int photos = Integer.parseInt(args[2]);
    int idleFiles = Integer.parseInt(args[3]);
    int idleSeconds = Integer.parseInt(args[4]);
    List<String> jvm = List.of(args[5].split(" "));
    latency(jar, work.resolve("latency"), photos, jvm);
    idle(jar, work.resolve("idle"), idleFiles, idleSeconds, jvm);
  }

  static void latency(Path jar, Path dir, int photos, List<String> jvm) throws Exception {
    Path archive = Files.createDirectories(dir.resolve("archive/2023/09")).getParent().getParent();
    try (SyncthingPair pair = SyncthingPair.start(dir.resolve("st"), "trashcan")) {
      Path key = Files.writeString(dir.resolve("key"), pair.nas.apiKey);
      Path config = Files.writeString(dir.resolve("keepsake.yaml"), """
          archive: { root: %s, zone: UTC }
          sources: { pixel: { syncthing-folder: %s } }
          syncthing: { url: "%s", api-key-file: %s }
          server: { listen: "127.0.0.1:0" }
          """.formatted(archive, SyncthingPair.FOLDER, pair.nas.url(), key));
      Path nasCamera = Files.createDirectories(pair.nas.folder.resolve("DCIM"));
      Path phoneCamera = Files.createDirectories(pair.phone.folder.resolve("DCIM"));
      Process service = start(jar, jvm, dir.resolve("service.log"), "run", "--config", config.toString());
      Thread.sleep(4000); // started and reconciled
      Map<String, Long> atNas = new ConcurrentHashMap<>();
      Map<String, Long> atArchive = new ConcurrentHashMap<>();
      Thread nasWatch = watch(nasCamera, atNas);
      Thread archiveWatch = watch(archive.resolve("2023/09"), atArchive);
      for (int i = 0; i < photos; i++) {
        byte[] bytes = JpegFixture.jpeg().original("2023:09:16 12:34:56").salt("latency " + i).bytes();
        Path tmp = phoneCamera.resolve(".tmp-" + i);
        Files.write(tmp, bytes);
        Files.move(tmp, phoneCamera.resolve("IMG_" + i + ".jpg"));
        Thread.sleep(50);
      }
      SyncthingPair.waitUntil(Duration.ofMinutes(5), "every photo is archived", () -> atArchive.size() >= photos);
      List<Double> ms = new ArrayList<>();
      for (String name : atArchive.keySet()) {
        Long nas = atNas.get(name);
        if (nas != null) {
          ms.add((atArchive.get(name) - nas) / 1e6);
        }
      }
      Collections.sort(ms);
      System.out.printf(Locale.ROOT, "latency\t%d\t%.0f\t%.0f\t%.0f%n", ms.size(), pct(ms, 50), pct(ms, 95), ms.get(ms.size() - 1));
      nasWatch.interrupt();
      archiveWatch.interrupt();
      stop(service);
    }
  }

  static void idle(Path jar, Path dir, int files, int seconds, List<String> jvm) throws Exception {
    Path source = Files.createDirectories(dir.resolve("phone"));
    Path archive = Files.createDirectories(dir.resolve("archive"));
    for (int i = 0; i < files; i++) {
      Path f = source.resolve("DCIM/Folder" + (i % 200) + "/IMG_" + i + ".jpg");
      Files.createDirectories(f.getParent());
      Files.write(f, JpegFixture.jpeg().original("2019:05:05 05:05:05").salt("idle " + i).bytes());
    }
    long t0 = System.nanoTime();
    Process ingest = start(jar, jvm, dir.resolve("ingest.log"), "ingest", "--source", source.toString(), "--archive", archive.toString());
    ingest.waitFor();
    System.out.printf(Locale.ROOT, "first-ingest\t%d\t%.1f%n", files, (System.nanoTime() - t0) / 1e9);
    Process service = start(jar, jvm, dir.resolve("service.log"), "run", "--source", source.toString(), "--archive",
        archive.toString(), "--listen", "127.0.0.1:0");
    Thread.sleep(15_000); // start-up reconcile of every file (stat only), then quiet
    long pid = service.pid();
    long cpu0 = cpuTicks(pid);
    long wall0 = System.nanoTime();
    long maxRss = 0;
    for (int s = 0; s < seconds; s++) {
      Thread.sleep(1000);
      maxRss = Math.max(maxRss, rssKb(pid));
    }
    double cpuSeconds = (cpuTicks(pid) - cpu0) / 100.0;
    double wall = (System.nanoTime() - wall0) / 1e9;
    System.out.printf(Locale.ROOT, "idle\t%d\t%.2f\t%d%n", files, 100 * cpuSeconds / wall, maxRss / 1024);
    stop(service);
  }

  static Process start(Path jar, List<String> jvm, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  static Thread watch(Path dir, Map<String, Long> seen) throws IOException {
    WatchService ws = FileSystems.getDefault().newWatchService();
    dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
    Thread t = new Thread(() -> {
      try {
        while (true) {
          WatchKey key = ws.take();
          long now = System.nanoTime();
          for (WatchEvent<?> e : key.pollEvents()) {
            String name = String.valueOf(e.context());
            if (name.startsWith("IMG_")) {
              seen.putIfAbsent(name, now);
            }
          }
          key.reset();
        }
      } catch (InterruptedException | java.nio.file.ClosedWatchServiceException stop) {
        // done
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static long cpuTicks(long pid) throws IOException {
    String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, in clock ticks (100/s)
  }

  static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }
}
