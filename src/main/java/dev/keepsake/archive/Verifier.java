package dev.keepsake.archive;

import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.LinkOnPathException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The "mock recovery": re-reads archived files and checks them against the hashes the ledger holds.
 * Reports files that are missing, files whose bytes changed (corrupt), and files in the archive the
 * ledger does not know. Reads only; never repairs, moves or deletes anything.
 */
public final class Verifier {
  /** One archived file to check: its path below the archive root and the hash it must have. */
  public record Expected(String archivePath, ContentHash hash) {}

  /** What a verification found. */
  public record Result(long checked, long bytes, List<String> missing, List<String> corrupt, List<String> unknown) {
    public boolean ok() {
      return missing.isEmpty() && corrupt.isEmpty();
    }

    public String line() {
      return "verified " + checked + " files (" + bytes + " bytes): missing " + missing.size() + ", corrupt "
          + corrupt.size() + ", unknown " + unknown.size();
    }
  }

  private final Path archiveRoot;

  public Verifier(Path archiveRoot) {
    this.archiveRoot = archiveRoot;
  }

  /**
   * @param expected the files to re-hash (all, or a sample)
   * @param known every archive path the ledger knows (to find unknown files); null to skip that walk
   * @param progress told the size of each file checked (for a progress line)
   */
  public Result verify(Collection<Expected> expected, Set<String> known, Consumer<Long> progress) throws IOException {
    List<String> missing = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    long bytes = 0;
    ConfinedRoot archive = new ConfinedRoot(archiveRoot);
    for (Expected e : expected) {
      try (FileChannel in = archive.openForReading(e.archivePath())) { // a link in the archive is never read through
        long size = in.size();
        if (!ContentHash.of(in).equals(e.hash())) {
          corrupt.add(e.archivePath());
        }
        bytes += size;
        progress.accept(size);
      } catch (LinkOnPathException link) {
        corrupt.add(e.archivePath() + " (" + link.getMessage() + ")");
        progress.accept(0L);
      } catch (NoSuchFileException gone) {
        missing.add(e.archivePath());
        progress.accept(0L);
      }
    }
    List<String> unknown = known == null ? List.of() : unknownFiles(new HashSet<>(known));
    return new Result(expected.size(), bytes, missing, corrupt, unknown);
  }

  private List<String> unknownFiles(Set<String> known) throws IOException {
    List<String> unknown = new ArrayList<>();
    ArchiveFiles.walk(archiveRoot, (rel, file, attrs) -> {
      if (!known.contains(rel)) {
        unknown.add(rel);
      }
    });
    return unknown;
  }
}
