package dev.keepsake.ingest;

import dev.keepsake.failure.FailureKind;
import dev.keepsake.fs.FileNameEncoding;
import dev.keepsake.fs.LinkOnPathException;
import dev.keepsake.ledger.FileStore;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourceFile;
import dev.keepsake.source.SourcePaths;
import dev.keepsake.source.Versions;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The files some reported paths stand for (what Syncthing or a watcher named): each path checked
 * as a path first (a hostile one is refused), joined by the files beside it that share its stem,
 * then stat'ed without following a link. A path that is gone is looked for in {@code .stversions/}
 * (Syncthing keeps a file the phone deleted there) before it is reported vanished; one that is
 * gone but archived already is nothing to report.
 */
final class ReportedPaths {
  /** What the paths stand for: every path looked at, the ledger's rows for them, the files to ingest. */
  record Found(Set<String> wanted, Map<String, KnownFile> known, List<SourceFile> files) {}

  private ReportedPaths() {}

  /** @param report told the outcome of each path that is settled here (refused, vanished, unreadable) */
  static Found look(Source source, Collection<String> paths, FileStore ledgerFiles, Ingestor ingestor,
      IngestListener listener, Consumer<FileOutcome> report, IngestSummary summary) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String raw : paths) {
      String problem = SourcePaths.problem(raw);
      if (problem != null) {
        listener.refused(source, SourcePaths.printable(raw),
            "source " + source.name() + ": refused path " + SourcePaths.printable(raw) + ": " + problem);
        summary.addFailed(1);
        continue;
      }
      String path = SourcePaths.normalize(raw);
      wanted.add(path);
      wanted.addAll(SourcePaths.stemSiblings(source.confined(), path));
    }
    Map<String, KnownFile> known = ledgerFiles.knownFiles(source.name(), wanted);
    List<SourceFile> files = new ArrayList<>();
    for (String rel : wanted) {
      if (SourcePaths.isIgnored(rel)) {
        continue;
      }
      if (!source.filter().accepts(rel)) {
        summary.addSkipped(1);
        continue;
      }
      SourceFile ghost = new SourceFile(source, rel, 0, FileTime.fromMillis(0), "", null);
      try {
        BasicFileAttributes attrs = source.confined().stat(rel);
        if (attrs.isRegularFile()) {
          files.add(SourceFile.of(source, rel, attrs));
        } else if (!attrs.isDirectory()) {
          summary.addSkipped(1); // a symlink or device: never followed, never archived
        }
      } catch (InvalidPathException unmappable) {
        report.accept(unrepresentable(source, rel));
      } catch (NoSuchFileException gone) {
        if (rel.indexOf('\uFFFD') >= 0) { // a name that was not valid UTF-8 before it reached us as text
          report.accept(stillThere(source, rel) ? unrepresentable(source, rel)
              : FileOutcome.skipped(new SourceFile(source, rel, 0, FileTime.fromMillis(0), "", null),
                  "no longer there under a name that cannot be read (renamed or removed)"));
          continue;
        }
        KnownFile k = known.get(rel);
        if (k != null && k.state().isInArchive()) {
          continue; // archived already; the phone has since deleted it
        }
        try {
          Optional<String> kept = Versions.find(source.confined(), rel);
          if (kept.isPresent()) {
            files.add(SourceFile.of(source, rel, source.confined().stat(kept.get()), source.root().resolve(kept.get())));
            continue;
          }
        } catch (LinkOnPathException link) {
          report.accept(ingestor.linkRefused(ghost, link));
          continue;
        } catch (IOException alsoGone) {
          // versioning cleaned it meanwhile: reported as vanished below
        }
        report.accept(FileOutcome.failed(ghost, FailureKind.VANISHED_BEFORE_COPY, source.root().resolve(rel)
            + " vanished before it could be copied"
            + " (deleted on the phone?) and no copy is in .stversions; enable versioning on the NAS folder to keep such files"));
      } catch (LinkOnPathException link) {
        report.accept(ingestor.linkRefused(ghost, link));
      } catch (IOException e) {
        report.accept(FileOutcome.sourceReadFailed(ghost, e));
      }
    }
    return new Found(wanted, known, files);
  }

  /** Whether a file whose name reads as {@code shown} (with replacement characters) is still in its folder. */
  static boolean stillThere(Source source, String shown) {
    int slash = shown.lastIndexOf('/');
    String name = shown.substring(slash + 1);
    try (dev.keepsake.fs.Folder folder = source.confined().folder(slash < 0 ? "" : shown.substring(0, slash))) {
      return !folder.names(name::equals).isEmpty();
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  static FileOutcome unrepresentable(Source source, String shown) {
    SourceFile file = new SourceFile(source, shown, 0, FileTime.fromMillis(0), "", null);
    return FileOutcome.failed(file, FailureKind.UNREPRESENTABLE_NAME, FileNameEncoding.message(source.root() + "/" + shown));
  }

}
