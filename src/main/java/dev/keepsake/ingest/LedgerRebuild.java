package dev.keepsake.ingest;

import dev.keepsake.archive.ArchiveFiles;
import dev.keepsake.archive.ContentHash;
import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.CaptureDateReader;
import dev.keepsake.media.Inspection;
import dev.keepsake.media.MediaInspector;
import dev.keepsake.media.MediaType;
import dev.keepsake.fs.ConfinedFile;
import dev.keepsake.fs.ConfinedRoot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the content half of a lost ledger from the archive itself: every file is hashed and
 * dated, and recorded as archived content — so dedupe and reports work again. Nothing in the archive
 * is moved or changed. Source paths cannot be recovered (the next pass sees them as duplicates of
 * what is archived, copies nothing, and records them anew).
 */
public final class LedgerRebuild {
  /** The source name rebuilt rows carry. */
  public static final String SOURCE = dev.keepsake.ledger.FileStore.REBUILT;
  private static final int BATCH = 1000;

  private LedgerRebuild() {}

  /**
   * Returns how many contents were recorded; {@code skipped} gets files that could not be read,
   * {@code passedOver} files that are not photos, videos or sidecars (a note, a moved-aside ledger):
   * they stay in the archive untouched, and are not recorded as archived media.
   */
  public static int rebuild(Path archiveRoot, Ledger ledger, ZoneId zone, Clock clock, List<String> skipped,
      java.util.function.Consumer<String> passedOver) throws IOException {
    MediaInspector inspector = new MediaInspector(zone, clock);
    CaptureDateReader dates = new CaptureDateReader(zone, clock);
    List<ArchivedContent> found = new ArrayList<>();
    int[] added = {0};
    ConfinedRoot archive = new ConfinedRoot(archiveRoot);
    ArchiveFiles.walk(archiveRoot, (rel, file, attrs) -> {
      ConfinedFile confined = new ConfinedFile(archive, rel);
      try {
        Inspection inspection = inspector.inspect(confined);
        if (inspection.type() == MediaType.OTHER) { // a note, a moved-aside ledger: not archived media
          passedOver.accept(rel);
          return;
        }
        CaptureDate date = dates.date(inspection, file.getFileName().toString(), attrs.lastModifiedTime());
        ContentHash hash;
        try (FileChannel in = confined.open()) {
          hash = ContentHash.of(in);
        }
        found.add(new ArchivedContent(hash, rel, attrs.size(), inspection.type(), date, SOURCE, rel, clock.instant()));
        if (found.size() >= BATCH) { // recorded as it goes: memory is one batch, whatever the archive holds
          added[0] += ledger.files().recordRebuilt(found);
          found.clear();
        }
      } catch (IOException e) {
        skipped.add(rel + ": " + e.getMessage());
      }
    });
    return added[0] + ledger.files().recordRebuilt(found);
  }
}
