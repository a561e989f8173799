package dev.keepsake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.ingest.IngestQueue;
import dev.keepsake.ingest.ServiceStats;
import dev.keepsake.server.StatusServer;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that stall, lie about where they come from, or send the wrong shapes: the server keeps
 * answering everyone else, and nothing they send is queued.
 */
@Tag("reliability")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileClientsTest {
  @TempDir Path phone;
  final IngestQueue queue = new IngestQueue(100);
  StatusServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    server = new StatusServer(new InetSocketAddress("127.0.0.1", 0), new ServiceStats(Instant.now()), queue,
        Map.of("pixel", Source.of("pixel", phone)), Map.of("phone-camera", "pixel"), Clock.systemUTC(), null);
    port = server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Sends {@code request} as bytes and returns the status line (or "closed"). */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      byte[] answer = s.getInputStream().readNBytes(12);
      return answer.length == 0 ? "closed" : new String(answer, StandardCharsets.ISO_8859_1).trim();
    }
  }

  private String post(String host, String origin, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return raw("POST /api/ingest HTTP/1.1\r\nHost: " + host + "\r\n"
        + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + (type == null ? "" : "Content-Type: " + type + "\r\n")
        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
  }

  @Test
  void clientsThatNeverSendTheirBodyOrHeadersDoNotSilenceTheServer() throws Exception {
    List<Socket> stuck = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) { // headers and no body, half headers, nothing at all
        Socket s = new Socket("127.0.0.1", port);
        OutputStream out = s.getOutputStream();
        switch (i % 3) {
          case 0 -> out.write(("POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
          case 1 -> out.write("GET /healthz HTTP/1.1\r\nHost: 127.".getBytes(StandardCharsets.US_ASCII));
          default -> { }
        }
        out.flush();
        stuck.add(s);
      }
      long started = System.nanoTime();
      for (String path : List.of("/healthz", "/api/status", "/metrics")) {
        assertThat(raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n"))
            .as(path).startsWith("HTTP/1.1 200");
      }
      Duration answered = Duration.ofNanos(System.nanoTime() - started);
      assertThat(answered).as("answers while 12 clients stall").isLessThan(Duration.ofSeconds(3));
      // and the stalled ones are cut off (request time limit), not kept for ever
      Socket first = stuck.get(0);
      first.setSoTimeout(15_000);
      InputStream in = first.getInputStream();
      long cut = System.nanoTime();
      int read;
      try {
        read = in.read();
      } catch (IOException reset) {
        read = -1;
      }
      assertThat(read).as("server closed the stalled connection").isEqualTo(-1);
      Figures.print("slow clients", "stalled 12, answered others in " + answered.toMillis() + " ms, stalled cut after "
          + Duration.ofNanos(System.nanoTime() - cut).toSeconds() + " s more");
    } finally {
      for (Socket s : stuck) {
        s.close();
      }
    }
  }

  @Test
  void aPageInTheOwnersBrowserCannotPostAndWrongShapesAre400() throws Exception {
    String good = "{\"source\":\"pixel\",\"paths\":[\"DCIM/a.jpg\"]}";
    assertThat(post("127.0.0.1:" + port, null, "text/plain", good)).startsWith("HTTP/1.1 415"); // a "simple" cross-site POST
    assertThat(post("evil.example:" + port, null, "application/json", good)).startsWith("HTTP/1.1 403"); // DNS rebinding
    assertThat(post("127.0.0.1:" + port, "http://evil.example", "application/json", good)).startsWith("HTTP/1.1 403");
    assertThat(post("127.0.0.1:" + port, "null", "application/json", good)).startsWith("HTTP/1.1 403");
    assertThat(raw("GET /api/status HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 403");
    assertThat(post("127.0.0.1:" + port, null, "application/json", "")).startsWith("HTTP/1.1 400");
    assertThat(post("127.0.0.1:" + port, null, "application/json", "[]")).startsWith("HTTP/1.1 400");
    assertThat(post("127.0.0.1:" + port, null, "application/json", "{\"source\":\"pixel\",\"paths\":\"x.jpg\"}"))
        .as("a string where an array belongs is not a reconcile").startsWith("HTTP/1.1 400");
    assertThat(post("127.0.0.1:" + port, null, "application/json", "{\"source\":5}")).startsWith("HTTP/1.1 400");
    assertThat(post("127.0.0.1:" + port, null, "application/json", "{\"source\":\"pixel\",\"paths\":[1]}")).startsWith("HTTP/1.1 400");
    assertThat(queue.depth()).as("nothing queued by any of them").isZero();

    assertThat(post("localhost:" + port, "http://127.0.0.1:" + port, "application/json; charset=utf-8",
        "{\"source\":\"pixel\",\"paths\":[\"DCIM/./a.jpg\",\"DCIM//a.jpg\",\"DCIM/a.jpg\"]}")).startsWith("HTTP/1.1 202");
    assertThat(post("[::1]:" + port, null, "application/json", "{\"folder\":\"phone-camera\",\"paths\":[\"DCIM/b.jpg\"]}"))
        .startsWith("HTTP/1.1 202");
    assertThat(queue.take(Duration.ZERO).paths().get("pixel")).as("one spelling per path").containsExactly("DCIM/a.jpg", "DCIM/b.jpg");
    Figures.print("hostile requests", "cases 12, queued by hostile ones 0");
  }
}
