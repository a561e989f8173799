package dev.keepsake.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Syncthing pair on loopback, as {@code shared/tools/syncthing-pair.sh} makes it: a "phone"
 * (send-only) and a "nas" (receive-only) sharing folder {@value #FOLDER}, watcher delay 1 s,
 * discovery, relays and upgrades off. Skips when Syncthing is not installed, and fails instead
 * under {@code KEEPSAKE_REQUIRE_SYNCTHING=1} (CI installs the Debian package).
 */
public final class SyncthingPair implements AutoCloseable {
  public static final String FOLDER = "phone-camera";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Syncthing process and its addresses. */
  public static final class Node {
    final String name;
    final Path home;
    public final Path folder;
    final int gui;
    final int sync;
    public final String apiKey;
    String id;
    Process process;

    Node(Path dir, String name, String apiKey) throws IOException {
      this.name = name;
      this.home = dir.resolve(name + "/home");
      this.folder = Files.createDirectories(dir.resolve(name + "/folder"));
      this.gui = freePort();
      this.sync = freePort();
      this.apiKey = apiKey;
    }

    public String url() {
      return "http://127.0.0.1:" + gui;
    }
  }

  public final Node phone;
  public final Node nas;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SyncthingPair(Path dir) throws IOException {
    phone = new Node(dir, "phone", "phone-api-key-123");
    nas = new Node(dir, "nas", "nas-api-key-456");
  }

  /** Skips (or fails under KEEPSAKE_REQUIRE_SYNCTHING=1) when no {@code syncthing} is installed. */
  public static void assumeInstalled() {
    boolean present;
    try {
      Process p = new ProcessBuilder("syncthing", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      present = p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present && "1".equals(System.getenv("KEEPSAKE_REQUIRE_SYNCTHING"))) {
      fail("KEEPSAKE_REQUIRE_SYNCTHING=1 but syncthing is not installed (apt-get install -y syncthing)");
    }
    assumeTrue(present, "syncthing is not installed");
  }

  /**
   * Starts both, pairs them and shares the folder; the NAS side keeps deleted files as
   * {@code versioning} says ({@code ""} for none, {@code trashcan}, {@code staggered}).
   */
  public static SyncthingPair start(Path dir, String versioning) throws Exception {
    assumeInstalled();
    SyncthingPair pair = new SyncthingPair(dir);
    try {
      pair.setUp(pair.phone);
      pair.setUp(pair.nas);
      pair.launch(pair.phone);
      pair.launch(pair.nas);
      pair.call(pair.phone, "POST", "/rest/config/devices", device(pair.nas));
      pair.call(pair.nas, "POST", "/rest/config/devices", device(pair.phone));
      String vers = versioning.isEmpty() ? "{\"type\":\"\"}"
          : versioning.equals("trashcan") ? "{\"type\":\"trashcan\",\"params\":{\"cleanoutDays\":\"0\"}}"
          : "{\"type\":\"staggered\",\"params\":{\"maxAge\":\"31536000\",\"cleanInterval\":\"3600\"}}";
      pair.call(pair.phone, "POST", "/rest/config/folders", folder(pair.phone, "sendonly", pair.nas, "{\"type\":\"\"}"));
      pair.call(pair.nas, "POST", "/rest/config/folders", folder(pair.nas, "receiveonly", pair.phone, vers));
      pair.waitUntil(Duration.ofSeconds(60), "the pair connects and the folder is idle", pair::connectedAndIdle);
      return pair;
    } catch (Exception | AssertionError e) {
      pair.close();
      throw e;
    }
  }

  private static String device(Node other) {
    return "{\"deviceID\":\"" + other.id + "\",\"name\":\"" + other.name + "\",\"addresses\":[\"tcp://127.0.0.1:" + other.sync + "\"]}";
  }

  private static String folder(Node node, String type, Node other, String versioning) {
    return "{\"id\":\"" + FOLDER + "\",\"label\":\"" + FOLDER + "\",\"path\":\"" + node.folder + "\",\"type\":\"" + type
        + "\",\"fsWatcherEnabled\":true,\"fsWatcherDelayS\":1,\"rescanIntervalS\":3600,\"devices\":[{\"deviceID\":\""
        + other.id + "\"}],\"versioning\":" + versioning + "}";
  }

  private void setUp(Node node) throws Exception {
    run("syncthing", "generate", "--home=" + node.home, "--no-default-folder", "--skip-port-probing");
    Path config = node.home.resolve("config.xml");
    String xml = Files.readString(config)
        .replace("<address>127.0.0.1:8384</address>", "<address>127.0.0.1:" + node.gui + "</address>")
        .replaceAll("<apikey>.*</apikey>", "<apikey>" + node.apiKey + "</apikey>")
        .replace("<listenAddress>default</listenAddress>", "<listenAddress>tcp://127.0.0.1:" + node.sync + "</listenAddress>")
        .replace("<globalAnnounceEnabled>true", "<globalAnnounceEnabled>false")
        .replace("<localAnnounceEnabled>true", "<localAnnounceEnabled>false")
        .replace("<relaysEnabled>true", "<relaysEnabled>false")
        .replace("<natEnabled>true", "<natEnabled>false")
        // Each side learns of the other by REST, one after the other: a first dial can meet a peer
        // that does not know it yet, and the default 60 s before the next dial made start-up flaky.
        .replace("<reconnectionIntervalS>60<", "<reconnectionIntervalS>2<")
        .replace("<startBrowser>true", "<startBrowser>false")
        .replace("<urAccepted>0", "<urAccepted>-1")
        .replace("<autoUpgradeIntervalH>12", "<autoUpgradeIntervalH>0")
        .replace("<crashReportingEnabled>true", "<crashReportingEnabled>false");
    Files.writeString(config, xml);
    node.id = run("syncthing", "serve", "--home=" + node.home, "--device-id").strip();
  }

  private void launch(Node node) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("syncthing", "serve", "--home=" + node.home, "--no-browser", "--no-restart",
        "--no-upgrade", "--logflags=3")
        .redirectErrorStream(true)
        .redirectOutput(node.home.resolveSibling("syncthing.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("STNOUPGRADE", "1");
    env.put("STNODEFAULTFOLDER", "1");
    env.put("STNORESTART", "1");
    node.process = pb.start();
    waitUntil(Duration.ofSeconds(30), node.name + " answers", () -> {
      try {
        return call(node, "GET", "/rest/system/ping", null) != null;
      } catch (Exception notYet) {
        return false;
      }
    });
  }

  /** Stops the NAS-side Syncthing (as a NAS reboot or an upgrade would). */
  public void stopNas() throws InterruptedException {
    java.util.List<ProcessHandle> children = nas.process.descendants().toList(); // syncthing serve runs a child
    nas.process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!nas.process.waitFor(10, TimeUnit.SECONDS)) {
      nas.process.destroyForcibly().waitFor();
    }
    children.forEach(c -> c.destroyForcibly());
    children.forEach(c -> c.onExit().join());
  }

  /** Kills the phone-side Syncthing at once (a phone that loses its connection mid-transfer). */
  public void killPhone() throws InterruptedException {
    // `syncthing serve` keeps a monitor process and the real one as its child: both must go, or the
    // phone's Syncthing goes on syncing as if nothing happened
    java.util.List<ProcessHandle> children = phone.process.descendants().toList();
    children.forEach(ProcessHandle::destroyForcibly);
    phone.process.destroyForcibly().waitFor();
    children.forEach(c -> c.onExit().join());
  }

  /**
   * Caps what the phone side sends, in KiB/s (0: no cap), also on loopback (Syncthing exempts the LAN
   * by default): a transfer then lasts long enough to be cut in the middle.
   */
  public void limitPhoneSend(int kibPerSecond) throws IOException, InterruptedException {
    call(phone, "PATCH", "/rest/config/options", "{\"maxSendKbps\":" + kibPerSecond + ",\"limitBandwidthInLan\":"
        + (kibPerSecond > 0) + "}");
  }

  /** The files the phone side's Syncthing has scanned into its folder (its {@code localFiles}). */
  public long phoneLocalFiles() {
    try {
      return call(phone, "GET", "/rest/db/status?folder=" + FOLDER, null).path("localFiles").asLong();
    } catch (Exception notYet) {
      return -1;
    }
  }

  /** Pauses the phone device on the NAS (as the owner would in Syncthing's GUI): nothing syncs. */
  public void pausePhone() throws IOException, InterruptedException {
    call(nas, "POST", "/rest/system/pause?device=" + phone.id, null);
  }

  /** Resumes it, and waits until the pair is connected and the NAS idle again. */
  public void resumePhone() throws Exception {
    call(nas, "POST", "/rest/system/resume?device=" + phone.id, null);
    waitUntil(Duration.ofSeconds(60), "the pair reconnects", this::connectedAndIdle);
  }

  /** Starts the phone side again. */
  public void startPhone() throws Exception {
    launch(phone);
    waitUntil(Duration.ofSeconds(60), "the pair reconnects", this::connectedAndIdle);
  }

  /** Starts it again; its event ids start again at 1. */
  public void startNas() throws Exception {
    launch(nas);
    waitUntil(Duration.ofSeconds(60), "the pair reconnects", this::connectedAndIdle);
  }

  private boolean connectedAndIdle() {
    try {
      JsonNode connections = call(nas, "GET", "/rest/system/connections", null);
      JsonNode status = call(nas, "GET", "/rest/db/status?folder=" + FOLDER, null);
      return connections.path("connections").path(phone.id).path("connected").asBoolean()
          && "idle".equals(status.path("state").asText());
    } catch (Exception notYet) {
      return false;
    }
  }

  JsonNode call(Node node, String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
        .header("X-API-Key", node.apiKey).timeout(Duration.ofSeconds(10));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(node.name + " " + method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  /** Polls {@code condition} every 100 ms until it holds; fails naming {@code what} after {@code limit}. */
  public static void waitUntil(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + limit.toSeconds() + " s waiting until " + what);
      }
      Thread.sleep(100);
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Node node : new Node[] {phone, nas}) {
      if (node.process != null) {
        java.util.List<ProcessHandle> children = node.process.descendants().toList();
        children.forEach(ProcessHandle::destroy); // the real Syncthing is the monitor's child
        node.process.destroy();
        try {
          if (!node.process.waitFor(10, TimeUnit.SECONDS)) {
            node.process.destroyForcibly();
          }
          for (ProcessHandle child : children) {
            try {
              child.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stuck) {
              child.destroyForcibly();
            }
          }
        } catch (InterruptedException e) {
          node.process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
