package dev.keepsake.archive;

import dev.keepsake.fs.ConfinedRoot;
import dev.keepsake.fs.LinkOnPathException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The "mock recovery": re-reads archived files and checks them against the hashes the ledger holds.
 * Reports files that are missing, files whose bytes changed (corrupt), and files in the archive the
 * ledger does not know — each as it is found, so memory stays flat however many files there are.
 * Reads only; never repairs, moves or deletes anything, and never reads through a link.
 */
public final class Verifier {
  /** One archived file to check: its path below the archive root and the hash it must have. */
  public record Expected(String archivePath, ContentHash hash) {}

  /** What it finds, told as found. */
  public interface Findings {
    void missing(String archivePath);

    void corrupt(String archivePath, String why);

    default void unknown(String archivePath) {}
  }

  /** What a verification found, in counts. */
  public record Result(long checked, long bytes, long missing, long corrupt, long unknown) {
    public boolean ok() {
      return missing == 0 && corrupt == 0;
    }

    public String line() {
      return "verified " + checked + (checked == 1 ? " file (" : " files (") + bytes + " bytes): missing " + missing + ", corrupt " + corrupt
          + ", unknown " + unknown;
    }
  }

  /** The files to check, handed over one by one (a ledger read page by page). */
  @FunctionalInterface
  public interface ExpectedFiles {
    void forEach(Consumer<Expected> each);
  }

  private final Path archiveRoot;

  public Verifier(Path archiveRoot) {
    this.archiveRoot = archiveRoot;
  }

  /**
   * @param expected the files to re-hash (all, or a sample)
   * @param known whether the ledger knows an archive path (to find unknown files); null to skip that walk
   * @param progress told the size of each file checked (for a progress line)
   */
  public Result verify(ExpectedFiles expected, Predicate<String> known, Consumer<Long> progress, Findings findings)
      throws IOException {
    long[] counts = new long[4]; // checked, bytes, missing, corrupt
    ConfinedRoot archive = new ConfinedRoot(archiveRoot);
    expected.forEach(e -> {
      counts[0]++;
      try (FileChannel in = archive.openForReading(e.archivePath())) { // a link in the archive is never read through
        long size = in.size();
        if (!ContentHash.of(in).equals(e.hash())) {
          counts[3]++;
          findings.corrupt(e.archivePath(), "its bytes no longer match the SHA-256 recorded when it was archived");
        }
        counts[1] += size;
        progress.accept(size);
      } catch (LinkOnPathException link) {
        counts[3]++;
        findings.corrupt(e.archivePath(), link.getMessage());
        progress.accept(0L);
      } catch (NoSuchFileException gone) {
        counts[2]++;
        findings.missing(e.archivePath());
        progress.accept(0L);
      } catch (IOException unreadable) {
        counts[3]++;
        findings.corrupt(e.archivePath(), "cannot be read (" + unreadable.getMessage() + ")");
        progress.accept(0L);
      }
    });
    long[] unknown = {0};
    if (known != null) {
      ArchiveFiles.walk(archiveRoot, (rel, file, attrs) -> {
        if (!known.test(rel)) {
          unknown[0]++;
          findings.unknown(rel);
        }
      });
    }
    return new Result(counts[0], counts[1], counts[2], counts[3], unknown[0]);
  }
}
