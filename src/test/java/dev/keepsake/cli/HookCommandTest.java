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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HookCommandTest {
  @TempDir Path tmp;
  Path phone;
  Path archive;
  Path config;

  @BeforeEach
  void setUp() throws Exception {
    phone = Files.createDirectories(tmp.resolve("pixel/DCIM"));
    archive = Files.createDirectory(tmp.resolve("archive"));
    Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
    config = Files.writeString(tmp.resolve("keepsake.yaml"),
        "archive: { root: archive, zone: UTC }\nsources:\n  pixel: { path: pixel }\n");
  }

  private final Cli cli = new Cli();

  /** A running service's status server, with the Syncthing folder "phone-camera" as source "pixel". */
  private StatusServer serviceFor(IngestQueue queue) throws Exception {
    return new StatusServer(new InetSocketAddress("127.0.0.1", 0), new ServiceStats(Instant.now()), queue,
        Map.of("pixel", Source.of("pixel", phone.getParent())), Map.of("phone-camera", "pixel"), Clock.systemUTC(), null);
  }

  @Test
  void postsToTheRunningService() throws Exception {
    IngestQueue queue = new IngestQueue(10);
    StatusServer server = serviceFor(queue);
    try {
      int code = cli.run("hook", "--folder", "phone-camera", "--config", config.toString(),
          "--server", "127.0.0.1:" + server.address().getPort(), "DCIM/IMG_1.jpg");
      assertThat(code).isZero();
      assertThat(cli.out).contains("queued 1 path(s) of pixel");
      assertThat(queue.take(Duration.ZERO).paths().get("pixel")).containsExactly("DCIM/IMG_1.jpg");
      assertThat(archive.resolve("2023")).doesNotExist(); // the service does the work, not the hook
    } finally {
      server.close();
    }
  }

  @Test
  void aCallMixingGoodAndRefusedPathsQueuesTheGoodOnesAndSaysWhichWereRefused() throws Exception {
    IngestQueue queue = new IngestQueue(10);
    StatusServer server = serviceFor(queue);
    try {
      int code = cli.run("hook", "--folder", "phone-camera", "--config", config.toString(),
          "--server", "127.0.0.1:" + server.address().getPort(), "DCIM/IMG_1.jpg", "../outside.jpg");
      assertThat(code).isEqualTo(2);
      assertThat(cli.err).contains("keepsake: queued 1 path(s) of pixel").contains("refused 1 path(s):")
          .contains("../outside.jpg").doesNotContain("the service refused");
      assertThat(queue.take(Duration.ZERO).paths().get("pixel")).containsExactly("DCIM/IMG_1.jpg");
    } finally {
      server.close();
    }
  }

  @Test
  void withNoServiceItIngestsThePathsItself() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    int code = cli.run("hook", "--folder", "pixel", "--config", config.toString(), "--server", "127.0.0.1:" + port, "DCIM/IMG_1.jpg");
    assertThat(code).as(cli.err).isZero();
    assertThat(cli.out).startsWith("archived 1 (");
    assertThat(archive.resolve("2023/09/IMG_1.jpg")).exists();
  }
}
