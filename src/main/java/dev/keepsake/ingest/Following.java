package dev.keepsake.ingest;

import dev.keepsake.ledger.FileStore;
import dev.keepsake.ledger.KnownFile;
import dev.keepsake.media.CaptureDate;
import dev.keepsake.media.MediaType;
import dev.keepsake.source.SourcePath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Within one pass: where a file that follows another goes. A sidecar goes beside its primary photo
 * or video, under the primary's archived name; a Live Photo's video beside its still. The primary is
 * found among the files placed earlier in this pass, else in the ledger (archived by an earlier
 * pass). A sidecar whose primary failed in this pass waits for it rather than going astray.
 * One pass, one thread: not thread-safe.
 */
final class Following {
  /** What a candidate does: follow a primary ({@code follow}, null for none), or wait for one that failed. */
  record Decision(Follow follow, String heldBackBy) {}

  private record Placed(String archivePath, CaptureDate date, MediaType type) {}

  private final Companions companions;
  private final Map<String, KnownFile> known;
  private final FileStore files;
  private final Map<String, Placed> placed = new HashMap<>();
  private final Set<String> failed = new HashSet<>();

  /**
   * @param companions the source paths this pass may pair
   * @param known the ledger's rows for those paths (what earlier passes archived)
   */
  Following(Companions companions, Map<String, KnownFile> known, FileStore files) {
    this.companions = companions;
    this.known = known;
    this.files = files;
  }

  /** {@code rel} is in the archive at {@code archivePath}: files that follow it may go beside it. */
  void placed(String rel, String archivePath, CaptureDate date, MediaType type) {
    placed.put(rel, new Placed(archivePath, date, type == null ? MediaType.OTHER : type));
  }

  /** {@code rel} failed in this pass: its sidecars wait for it. */
  void failed(String rel) {
    failed.add(rel);
  }

  Decision decide(String rel, MediaType type) {
    if (type == MediaType.SIDECAR) {
      for (String primary : companions.primaryCandidates(rel)) {
        if (failed.contains(primary)) {
          return new Decision(null, primary);
        }
        Placed p = placement(primary, true);
        if (p != null) {
          return new Decision(new Follow(new SourcePath(p.archivePath()).directory(),
              sidecarName(rel, primary, p.archivePath()), p.date()), null);
        }
      }
    } else if (type == MediaType.VIDEO) {
      for (String mate : companions.stemMates(rel)) {
        Placed p = placement(mate, false);
        if (p != null && p.type() == MediaType.PHOTO) {
          return new Decision(new Follow(new SourcePath(p.archivePath()).directory(), null, null), null);
        }
      }
    }
    return new Decision(null, null);
  }

  /** Where {@code path}'s content is in the archive: placed in this pass, or known from before. */
  private Placed placement(String path, boolean primaryOnly) {
    Placed now = placed.get(path);
    if (now != null) {
      return now.type().isPrimaryMedia() || !primaryOnly ? now : null;
    }
    KnownFile before = known.get(path);
    if (before == null || before.hash() == null || !before.state().isInArchive()) {
      return null;
    }
    return files.content(before.hash())
        .filter(c -> c.type().isPrimaryMedia())
        .map(c -> new Placed(c.archivePath(), c.date(), c.type()))
        .orElse(null);
  }

  /** {@code IMG_1.JPG.xmp} follows {@code IMG_1~ab12cd34.JPG} as {@code IMG_1~ab12cd34.JPG.xmp}. */
  static String sidecarName(String sidecar, String primary, String primaryArchivePath) {
    String sidecarName = new SourcePath(sidecar).name();
    String primaryName = new SourcePath(primary).name();
    String archivedName = new SourcePath(primaryArchivePath).name();
    if (sidecarName.toLowerCase().startsWith(primaryName.toLowerCase() + ".")) {
      return archivedName + sidecarName.substring(primaryName.length());
    }
    String suffix = sidecarName.substring(SourcePath.stemOf(sidecarName).length());
    return SourcePath.stemOf(archivedName) + suffix;
  }
}
