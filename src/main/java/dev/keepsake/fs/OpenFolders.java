package dev.keepsake.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Folder handles of one root kept open while a pass works in it, so that thousands of files in a
 * few folders do not each walk from the root again (each step of a walk is an {@code openat}, a
 * {@code dup}, an {@code fdopendir} and two {@code close}s: most of a small file's system calls).
 *
 * <p>Containment is the same as without it: every handle was opened in its parent without following
 * a link, and a handle stays bound to the folder it opened. What a cache adds is time — a folder
 * renamed after it was opened is still the one written to — so a handle is given out at most
 * {@value #USES} times and is dropped when the pass that kept it ends ({@link ConfinedRoot.KeptOpen#close}); the
 * next use opens it again from its parent. Bounded: at most {@value #CAPACITY} handles per root,
 * least recently used dropped first.
 *
 * <p>Thread-safe: copy and sync workers lease the same folder at once (the JDK's secure directory
 * stream guards each call against a concurrent close); a dropped handle is closed when its last
 * lease is.
 */
final class OpenFolders {
  static final int CAPACITY = 128;
  static final int USES = 1024;
  private static final Map<Path, OpenFolders> KEPT = new ConcurrentHashMap<>();

  private final Path root;
  private final ConfinedRoot confined;
  private int keepers;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  /** One open handle and its leases. */
  private static final class Entry {
    final Folder owner;
    int leases;
    int uses;
    boolean dropped;

    Entry(Folder owner) {
      this.owner = owner;
    }
  }

  private OpenFolders(Path root) {
    this.root = root;
    this.confined = new ConfinedRoot(root); // only its open(): never asks back here
  }

  /** Keeps folders of {@code root} open until closed; kept again while kept, they are dropped at the last close. */
  static ConfinedRoot.KeptOpen keep(Path root) {
    OpenFolders folders = KEPT.compute(root, (r, existing) -> {
      OpenFolders f = existing != null ? existing : new OpenFolders(r);
      synchronized (f) {
        f.keepers++;
      }
      return f;
    });
    return new ConfinedRoot.KeptOpen() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          folders.unkeep();
        }
      }
    };
  }

  /** The folders kept open for {@code root} now, or null. */
  static OpenFolders of(Path root) {
    return KEPT.isEmpty() ? null : KEPT.get(root);
  }

  private void unkeep() {
    List<Folder> toClose;
    synchronized (this) {
      if (--keepers > 0) {
        return;
      }
      KEPT.remove(root, this);
      toClose = dropAll();
    }
    closeAll(toClose);
  }

  /** The folder at {@code relative}, from a kept handle or opened from its (kept) parent. */
  Folder folder(String relative, Set<PosixFilePermission> mode, Consumer<Path> made) throws IOException {
    List<String> parts = ConfinedRoot.components(relative);
    return lease(String.join("/", parts), parts, mode, made);
  }

  private Folder lease(String key, List<String> parts, Set<PosixFilePermission> mode, Consumer<Path> made)
      throws IOException {
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null && !e.dropped) {
        return leaseOf(key, e);
      }
    }
    Folder opened;
    if (parts.isEmpty()) {
      opened = confined.open();
    } else {
      List<String> parentParts = parts.subList(0, parts.size() - 1);
      Folder parent = lease(String.join("/", parentParts), parentParts, mode, made);
      opened = ConfinedRoot.step(parent, parts.get(parts.size() - 1), mode, made); // closes (releases) the parent
    }
    List<Folder> toClose = new ArrayList<>();
    Folder leased;
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null && !e.dropped) { // another thread opened it meanwhile: keep theirs
        toClose.add(opened);
        leased = leaseOf(key, e);
      } else if (keepers == 0) { // no longer kept: the caller owns what it opened
        return opened;
      } else {
        e = new Entry(opened);
        entries.put(key, e);
        leased = leaseOf(key, e);
        toClose.addAll(evictBeyondCapacity());
      }
    }
    closeAll(toClose);
    return leased;
  }

  /** Under the lock. */
  private Folder leaseOf(String key, Entry e) {
    e.leases++;
    if (++e.uses >= USES) {
      e.dropped = true; // given out often enough: the next use opens it again from its parent
      entries.remove(key);
    }
    return e.owner.lease(() -> release(e));
  }

  private void release(Entry e) {
    boolean close;
    synchronized (this) {
      close = --e.leases == 0 && e.dropped;
    }
    if (close) {
      closeQuietly(e.owner);
    }
  }

  /** Under the lock: drops least recently used handles beyond the capacity. */
  private List<Folder> evictBeyondCapacity() {
    List<Folder> toClose = new ArrayList<>();
    Iterator<Entry> oldest = entries.values().iterator();
    while (entries.size() > CAPACITY && oldest.hasNext()) {
      Entry e = oldest.next();
      oldest.remove();
      e.dropped = true;
      if (e.leases == 0) {
        toClose.add(e.owner);
      }
    }
    return toClose;
  }

  /** Under the lock: drops every handle; those leased now close with their last lease. */
  private List<Folder> dropAll() {
    List<Folder> toClose = new ArrayList<>();
    for (Entry e : entries.values()) {
      e.dropped = true;
      if (e.leases == 0) {
        toClose.add(e.owner);
      }
    }
    entries.clear();
    return toClose;
  }

  /** How many handles are kept open now (tests). */
  synchronized int size() {
    return entries.size();
  }

  private static void closeAll(List<Folder> folders) {
    folders.forEach(OpenFolders::closeQuietly);
  }

  private static void closeQuietly(Folder folder) {
    try {
      folder.close();
    } catch (IOException ignored) {
      // a directory handle that cannot be closed holds nothing we need
    }
  }
}
