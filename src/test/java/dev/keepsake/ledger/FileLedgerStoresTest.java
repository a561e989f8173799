package dev.keepsake.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a ledger file; and what is written survives closing and opening again. */
@Timeout(60)
class FileLedgerStoresTest extends LedgerStoresContract {
  @TempDir Path tmp;

  @Override
  Ledger open(Clock clock) {
    return Ledger.open(tmp.resolve("ledger.db"), clock);
  }

  @Test
  void everyStoreKeepsItsRowsAcrossAReopen() {
    ledger.files().recordArchived(List.of(content(1, "pixel", "IMG_1.jpg")), List.of(seen("pixel", "IMG_1.jpg")));
    ledger.temps().willWriteIn(Path.of("/archive/2023/09"));
    ledger.syncthing().saveFolderPath("phone-camera", Path.of("/srv/sync/camera"));
    ledger.marks().put("caught-up.pixel", "2026-11-30T10:00:00Z");
    ledger.close();
    ledger = open(clock);
    assertThat(ledger.files().content(hash(1))).isPresent();
    assertThat(ledger.temps().tempDirs()).containsExactly(Path.of("/archive/2023/09"));
    assertThat(ledger.syncthing().folderPath("phone-camera")).isEqualTo(Path.of("/srv/sync/camera"));
    assertThat(ledger.marks().get("caught-up.pixel")).isEqualTo("2026-11-30T10:00:00Z");
  }
}
