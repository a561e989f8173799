package dev.keepsake.ledger;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The folders where temp files are being written, journaled before the first one is created there,
 * so that the next start after a crash knows where to clean up. Thread-safe: copy workers journal
 * while the ingesting thread works.
 */
public final class TempJournal implements dev.keepsake.archive.WriteOnceCopier.TempDirJournal {
  private final Ledger ledger;
  private final Set<String> journaledDirs = new HashSet<>();

  TempJournal(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Remembers {@code directory} before a temp file is created there (crash cleanup looks there). */
  @Override
  public synchronized void willWriteIn(Path directory) {
    String dir = directory.toAbsolutePath().toString();
    if (!journaledDirs.contains(dir)) {
      ledger.write("journal temp dir", db -> {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO temp_dirs (dir) VALUES (?)")) {
          ps.setString(1, dir);
          ps.executeUpdate();
        }
      });
      journaledDirs.add(dir); // only once it is written: a failed write is tried again with the next file
    }
  }

  /** Directories where an earlier run may have left temp files. */
  public synchronized List<Path> tempDirs() {
    return ledger.read("list temp dirs", db -> {
      List<Path> dirs = new ArrayList<>();
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT dir FROM temp_dirs")) {
        while (rs.next()) {
          dirs.add(Path.of(rs.getString(1)));
        }
      }
      return dirs;
    });
  }

  /** Forgets the temp dirs once they have been cleaned. */
  public synchronized void forgetTempDirs(Collection<Path> dirs) {
    ledger.write("forget temp dirs", db -> {
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM temp_dirs WHERE dir = ?")) {
        for (Path dir : dirs) {
          ps.setString(1, dir.toAbsolutePath().toString());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
    journaledDirs.clear();
  }
}
