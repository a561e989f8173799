package dev.keepsake.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open ledger keeps SQLite's POSIX locks for as long as it is open: without them another process
 * that opens and closes the ledger (keepsake why, verify, report beside the service) takes itself
 * for the last connection and deletes the live WAL — and everything the service wrote since. Java's
 * "chmod without following links" opens and closes the file, which drops them; it must never run on
 * an open ledger.
 */
@Timeout(30)
class LedgerLocksTest {
  @TempDir Path tmp;

  @Test
  void anOpenLedgerHoldsItsLocksAndIsOwnerOnly() throws Exception {
    Path locks = Path.of("/proc/locks");
    Assumptions.assumeTrue(Files.isReadable(locks), "no /proc/locks here");
    for (boolean existed : new boolean[] {false, true}) {
      Path file = tmp.resolve("ledger.db");
      if (!existed) {
        Files.deleteIfExists(file);
      }
      try (Ledger ledger = Ledger.open(file, Clock.systemUTC())) {
        ledger.marks().put("k", "v"); // a write: the WAL and its index are in use
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        long pid = ProcessHandle.current().pid();
        List<String> held = Files.readAllLines(locks).stream()
            .filter(l -> l.contains(" " + pid + " ") && l.matches(".*:" + inode + " .*")).toList();
        assertThat(held).as("SQLite's locks on the ledger (existed before: " + existed + ")").isNotEmpty();
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
          Path p = Path.of(file + suffix);
          if (Files.exists(p)) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .as(p.getFileName().toString()).isEqualTo("rw-------");
          }
        }
      }
    }
  }
}
