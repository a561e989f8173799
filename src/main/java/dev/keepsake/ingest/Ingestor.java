package dev.keepsake.ingest;

import dev.keepsake.archive.ArchiveFullException;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.archive.LayoutTemplate;
import dev.keepsake.archive.Placement;
import dev.keepsake.archive.SourceChangedException;
import dev.keepsake.archive.StagedCopy;
import dev.keepsake.archive.WriteOnceCopier;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.FileState;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.CaptureDateReader;
import dev.keepsake.media.MediaType;
import dev.keepsake.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Archives one new or changed source file: dates it, places it by the layout, copies it write-once,
 * dedupes by content, and records it in the ledger. Per-file trouble becomes a
 * {@link FileOutcome} naming the file and the fix; only a ledger failure escapes (it stops the pass).
 */
final class Ingestor {
  private static final int CHANGE_RETRIES = 3;

  private final Path archiveRoot;
  private final LayoutTemplate layout;
  private final Ledger ledger;
  private final CaptureDateReader dates;
  private final WriteOnceCopier copier;
  private final WriteOnceCopier.SourceOpener opener;
  private final Clock clock;
  private final boolean dryRun;

  Ingestor(Path archiveRoot, LayoutTemplate layout, Ledger ledger, CaptureDateReader dates,
      WriteOnceCopier copier, WriteOnceCopier.SourceOpener opener, Clock clock, boolean dryRun) {
    this.archiveRoot = archiveRoot;
    this.layout = layout;
    this.ledger = ledger;
    this.dates = dates;
    this.copier = copier;
    this.opener = opener;
    this.clock = clock;
    this.dryRun = dryRun;
  }

  FileOutcome ingest(Candidate candidate, KnownFile known, Follow follow) {
    SourceFile file = candidate.file();
    try {
      return attempt(candidate, known, follow);
    } catch (AccessDeniedException denied) {
      if (isInArchive(denied.getFile())) {
        return FileOutcome.failed(file, "archive-unwritable", "cannot write " + denied.getFile()
            + ": permission denied; give the Keepsake user write access to the archive");
      }
      return FileOutcome.failed(file, "permission-denied", "permission denied reading " + file.path()
          + "; give the Keepsake user read access to it");
    } catch (NoSuchFileException gone) {
      if (isInArchive(gone.getFile())) {
        return FileOutcome.failed(file, "archive-unwritable", gone.getFile() + ": " + gone.getReason());
      }
      return FileOutcome.failed(file, "vanished-before-copy", file.path()
          + " vanished before it could be copied (deleted on the phone?); enable versioning on the NAS folder to keep such files");
    } catch (ArchiveFullException full) {
      return FileOutcome.failed(file, "disk-full", full.getMessage());
    } catch (SourceChangedException changing) {
      return FileOutcome.failed(file, "source-changing", file.path() + ": " + changing.getMessage());
    } catch (IOException e) {
      return FileOutcome.failed(file, "io-error", file.path() + ": " + e.getMessage());
    }
  }

  private FileOutcome attempt(Candidate candidate, KnownFile known, Follow follow) throws IOException {
    SourceFile file = candidate.file();
    MediaType type = candidate.inspection().type();
    if (type == MediaType.OTHER && !file.source().includeOther()) {
      if (!dryRun) {
        ledger.recordSourceFile(file, null, FileState.SKIPPED);
      }
      return FileOutcome.skipped(file, "not a photo or video (" + candidate.inspection().format() + ")");
    }
    if (file.size() == 0) {
      return FileOutcome.skipped(file, "empty file (looked at again when it has content)");
    }
    CaptureDate date = follow != null && follow.date() != null
        ? follow.date()
        : dates.date(candidate.inspection(), file.fileName(), file.mtime());
    Map<String, String> values = layoutValues(file, type, date);

    ContentHash known_hash = known == null ? null : known.hash();
    ContentHash preHash = null;
    if (known_hash != null || layout.directoryNeedsHash() || dryRun) {
      preHash = hashOf(file.path());
      if (preHash.equals(known_hash)) {
        if (!dryRun) {
          ledger.recordSourceFile(file, preHash, known.state()); // touched, not changed: new stat
        }
        return FileOutcome.unchanged(file, ledger.content(preHash).map(ArchivedContent::archivePath).orElse(null));
      }
      Optional<ArchivedContent> existing = ledger.content(preHash);
      if (existing.isPresent()) {
        return duplicate(file, preHash, existing.get());
      }
      values.put("hash8", preHash.hash8());
    }
    String directory = follow != null ? follow.directory() : layout.directory(values);
    if (dryRun) {
      String name = follow != null && follow.fileName() != null ? follow.fileName() : layout.fileName(values);
      return FileOutcome.archived(file, join(directory, name), file.size(), date);
    }

    StagedCopy staged = null;
    for (int attempt = 1; staged == null; attempt++) {
      try {
        staged = copier.stage(file.path(), file.size(), file.mtime(), file.fileKey(), archiveRoot.resolve(directory));
      } catch (SourceChangedException changing) {
        if (attempt >= CHANGE_RETRIES) {
          throw changing;
        }
        file = restat(file);
      }
    }
    if (preHash == null) {
      Optional<ArchivedContent> existing = ledger.content(staged.hash());
      if (existing.isPresent()) {
        copier.discard(staged);
        return duplicate(file, staged.hash(), existing.get());
      }
    }
    values.put("hash8", staged.hash().hash8());
    String name = follow != null && follow.fileName() != null ? follow.fileName() : layout.fileName(values);
    Placement placement = copier.place(staged, name);
    String archivePath = relativeToArchive(placement.path());
    ledger.recordArchived(new ArchivedContent(staged.hash(), archivePath, staged.bytes(), type, date,
        file.source().name(), file.relative(), clock.instant()), file);
    return FileOutcome.archived(file, archivePath, placement.adopted() ? 0 : staged.bytes(), date);
  }

  private FileOutcome duplicate(SourceFile file, ContentHash hash, ArchivedContent existing) {
    if (!dryRun) {
      ledger.recordSourceFile(file, hash, FileState.DUPLICATE);
    }
    return FileOutcome.duplicate(file, existing.archivePath(), existing.date());
  }

  private static Map<String, String> layoutValues(SourceFile file, MediaType type, CaptureDate date) {
    Map<String, String> values = new HashMap<>();
    var local = date.local();
    values.put("yyyy", String.format("%04d", local.getYear()));
    values.put("MM", String.format("%02d", local.getMonthValue()));
    values.put("dd", String.format("%02d", local.getDayOfMonth()));
    values.put("HH", String.format("%02d", local.getHour()));
    values.put("mm", String.format("%02d", local.getMinute()));
    values.put("ss", String.format("%02d", local.getSecond()));
    String name = file.fileName();
    int dot = name.lastIndexOf('.');
    values.put("name", name);
    values.put("stem", dot <= 0 ? name : name.substring(0, dot));
    values.put("ext", dot <= 0 ? "" : name.substring(dot + 1));
    values.put("source", file.source().name());
    values.put("type", type.label());
    return values;
  }

  private ContentHash hashOf(Path path) throws IOException {
    MessageDigest digest = ContentHash.newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try (FileChannel in = opener.open(path)) {
      while (in.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
    }
    return ContentHash.of(digest.digest());
  }

  private static SourceFile restat(SourceFile file) throws IOException {
    BasicFileAttributes now = Files.readAttributes(file.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return SourceFile.of(file.source(), file.relative(), now);
  }

  private boolean isInArchive(String path) {
    return path != null && Path.of(path).toAbsolutePath().startsWith(archiveRoot);
  }

  private String relativeToArchive(Path path) {
    Path rel = archiveRoot.relativize(path);
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  private static String join(String directory, String name) {
    return directory.isEmpty() ? name : directory + "/" + name;
  }
}
