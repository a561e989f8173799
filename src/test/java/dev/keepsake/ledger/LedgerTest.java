package dev.keepsake.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LedgerTest {
  @TempDir Path tmp;

  @Test
  void aLedgerThatRunsOutOfRoomSaysTheDiskIsFullNotAnSqlError() {
    try (Ledger ledger = Ledger.open(tmp.resolve("ledger.db"), Clock.systemUTC())) {
      ledger.write("cap the file", db -> { // a real SQLITE_FULL: the file may grow no further
        try (Statement st = db.createStatement()) {
          st.execute("PRAGMA max_page_count = " + pageCount(db));
        }
      });
      assertThatThrownBy(() -> ledger.write("record many rows", db -> {
        try (Statement st = db.createStatement()) {
          st.execute("CREATE TABLE filler (x TEXT)");
          for (int i = 0; i < 1000; i++) {
            st.execute("INSERT INTO filler VALUES (hex(randomblob(2000)))");
          }
        }
      })).isInstanceOf(LedgerException.class).hasMessageContaining("cannot record many rows")
          .hasMessageContaining("the disk holding it is full").hasMessageContaining("free space there");
    }
  }

  private static long pageCount(Connection db) throws java.sql.SQLException {
    try (Statement st = db.createStatement(); java.sql.ResultSet rs = st.executeQuery("PRAGMA page_count")) {
      return rs.getLong(1);
    }
  }
  final Clock clock = Clock.systemUTC();

  @Test
  void aNewLedgerHasTheCurrentSchemaInWalMode() throws Exception {
    Path file = tmp.resolve("state/ledger.db");
    try (Ledger ledger = Ledger.open(file, clock)) {
      assertThat(ledger.schemaVersion()).isEqualTo(Schema.currentVersion());
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = db.createStatement();
        var rs = st.executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
    try (Ledger again = Ledger.open(file, clock)) {
      assertThat(again.schemaVersion()).isEqualTo(Schema.currentVersion());
    }
  }

  @Test
  void aLedgerFromANewerKeepsakeIsRefusedAndLeftAlone() throws Exception {
    Path file = tmp.resolve("ledger.db");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = db.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> Ledger.open(file, clock))
        .hasMessageContaining("schema version 99").hasMessageContaining("upgrade Keepsake");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aDamagedLedgerIsNamedAsSuch() throws Exception {
    Path file = tmp.resolve("ledger.db");
    Files.writeString(file, "this is not an SQLite database, it was overwritten by accident ".repeat(100));
    assertThatThrownBy(() -> Ledger.open(file, clock))
        .isInstanceOf(LedgerException.class).hasMessageContaining("is damaged").hasMessageContaining(file.toString());
  }
}
