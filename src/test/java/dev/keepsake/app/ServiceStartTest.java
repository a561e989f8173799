package dev.keepsake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.config.ServiceSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails half-way gives everything back: the archive lock above all. */
@Timeout(60)
class ServiceStartTest {
  @TempDir Path tmp;

  @Test
  void aStartThatFailsReleasesTheArchive() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    Path archive = Files.createDirectories(tmp.resolve("archive"));
    IngestSettings ingest = IngestSettings.fromFlags(List.of(phone), archive, null, "UTC");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServiceSettings service = ServiceSettings.defaults("127.0.0.1:" + taken.getLocalPort());
      NotifySettings notify = NotifySettings.from(null, null, archive, ingest.zone(), new ArrayList<>());
      // the status server cannot bind: the archive was opened and locked before that
      assertThatThrownBy(() -> Service.start(ingest, service, null, notify, Clock.systemUTC())).isInstanceOf(IOException.class);
    }
    try (Keepsake again = Keepsake.open(Keepsake.options(ingest, Clock.systemUTC(), false))) {
      assertThat(again.ledger().files().contentCount()).isZero(); // opened: no lock left behind
    }
  }
}
