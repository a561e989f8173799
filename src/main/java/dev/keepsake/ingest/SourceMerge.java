package dev.keepsake.ingest;

import dev.keepsake.ledger.KnownFile;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.source.Source;
import dev.keepsake.source.SourceFile;
import dev.keepsake.source.SortedWalk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole pass over one source as two sorted streams side by side: the walk ({@link SortedWalk}) and
 * the ledger's rows of the source, read page by page in the same order. A walked file meets its row
 * (or has none: new); a row the walk passed by is gone from the source (unless it lies below a
 * folder that could not be read: unknown, not gone). Files are handed on in chunks — a folder at a
 * time, cut between families ({@link dev.keepsake.source.SourcePath#family}) past {@value #CHUNK}
 * — so memory is one chunk and one page, whatever the
 * size of the source or the archive.
 */
final class SourceMerge implements SortedWalk.Sink {
  /** Files per chunk before a cut between two families (a photo, its sidecars and its video stay together). */
  static final int CHUNK = 2_000;
  private static final int PAGE = 2_000;
  private static final int GONE_BATCH = 1_000;

  /** Takes one chunk: its files, and the ledger rows of its folder read meanwhile, by path. */
  interface ChunkSink {
    void chunk(List<SourceFile> files, Map<String, KnownFile> known);
  }

  private final Source source;
  private final Ledger ledger;
  private final ChunkSink chunks;
  private final IngestSummary summary;
  private final Deque<KnownFile> page = new ArrayDeque<>();
  private String pageAfter = "";
  private boolean ledgerDone;
  private final List<String> unreadable = new ArrayList<>();
  private final List<String> gone = new ArrayList<>();
  private List<SourceFile> files = new ArrayList<>();
  private Map<String, KnownFile> known = new HashMap<>();
  private String chunkDir;
  private String chunkFamily;

  SourceMerge(Source source, Ledger ledger, ChunkSink chunks, IngestSummary summary) {
    this.source = source;
    this.ledger = ledger;
    this.chunks = chunks;
    this.summary = summary;
  }

  @Override
  public void file(SourceFile file) {
    String dir = file.directory();
    String family = file.sourcePath().family();
    if (!files.isEmpty() && (!dir.equals(chunkDir) || (files.size() >= CHUNK && !family.equals(chunkFamily)))) {
      flushChunk();
    }
    chunkDir = dir;
    chunkFamily = family;
    KnownFile k = advanceTo(file.relative());
    if (k != null) {
      known.put(k.path(), k);
    }
    files.add(file);
  }

  @Override
  public void passedOver(String relative, String reason) {
    advanceTo(relative); // present: not gone
    summary.addSkipped(1);
  }

  @Override
  public void unrepresentable(String shown) {
    // reported by the pass; its row (if any) is under another spelling and is left as it is
  }

  @Override
  public void unreadable(String relative, String problem) {
    unreadable.add(relative);
  }

  /** After the walk: the last chunk, and every row the walk never reached is gone. */
  void finish() {
    flushChunk();
    for (KnownFile k = next(); k != null; k = next()) {
      passedBy(k);
    }
    flushGone();
  }

  /** The row of {@code path}, if the ledger has one; rows before it were passed by. */
  private KnownFile advanceTo(String path) {
    for (KnownFile k = peek(); k != null; k = peek()) {
      int order = SortedWalk.compare(k.path(), path);
      if (order > 0) {
        return null;
      }
      next();
      if (order == 0) {
        return k;
      }
      passedBy(k);
    }
    return null;
  }

  private void passedBy(KnownFile k) {
    if (chunkDir != null && inFolder(k.path(), chunkDir) && known.size() < 2 * CHUNK) {
      known.put(k.path(), k); // a file of this folder that left: a late sidecar may still follow it
    }
    if (k.removedAt() == null && !belowUnreadable(k.path())) {
      gone.add(k.path());
      if (gone.size() >= GONE_BATCH) {
        flushGone();
      }
    }
  }

  private boolean belowUnreadable(String path) {
    for (String u : unreadable) {
      if (u.equals(".") || path.equals(u) || path.startsWith(u + "/")) {
        return true;
      }
    }
    return false;
  }

  private void flushChunk() {
    if (!files.isEmpty()) {
      chunks.chunk(files, known);
    }
    files = new ArrayList<>();
    known = new HashMap<>();
  }

  private void flushGone() {
    if (!gone.isEmpty()) {
      ledger.files().markRemoved(source.name(), gone);
      gone.clear();
    }
  }

  private KnownFile peek() {
    fill();
    return page.peekFirst();
  }

  private KnownFile next() {
    fill();
    return page.pollFirst();
  }

  private void fill() {
    if (page.isEmpty() && !ledgerDone) {
      List<KnownFile> more = ledger.files().knownFilesAfter(source.name(), pageAfter, PAGE);
      if (more.size() < PAGE) {
        ledgerDone = true;
      }
      if (!more.isEmpty()) {
        pageAfter = more.get(more.size() - 1).path();
        page.addAll(more);
      }
    }
  }

  private static boolean inFolder(String path, String dir) {
    if (dir.isEmpty()) {
      return path.indexOf('/') < 0;
    }
    return path.startsWith(dir + "/") && path.indexOf('/', dir.length() + 1) < 0;
  }
}
