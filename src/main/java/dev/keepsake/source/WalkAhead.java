package dev.keepsake.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SortedWalk} on a thread of its own, a bounded distance ahead of its sink: the walk's
 * {@code lstat}s and the sink's work (the ledger's pages, archiving) overlap on two cores. The sink
 * is told the same entries, in the same order, on the caller's thread; at most {@value #BATCHES}
 * batches of {@value #BATCH} entries wait between them, so memory stays bounded whatever the
 * source's size.
 *
 * <p>An exception of the walk reaches the caller after the entries walked before it, as from
 * {@link SortedWalk#walk}; one of the sink stops the walk and reaches the caller at once.
 */
public final class WalkAhead {
  static final int BATCH = 512;
  static final int BATCHES = 8;

  /** One entry the walk saw, to be told to the sink on the other side. */
  @FunctionalInterface
  private interface Told {
    void tell(SortedWalk.Sink sink) throws IOException;
  }

  /** The walk's last batch: how it ended. */
  private record End(Throwable failure) {}

  private WalkAhead() {}

  /**
   * @throws NoSuchFileException when the source root is missing or not a folder
   */
  public static void walk(Source source, SortedWalk.Sink sink) throws IOException {
    if (!Files.isDirectory(source.root())) {
      throw new NoSuchFileException(source.root().toString(), null, "source folder does not exist or is not a directory");
    }
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    Thread walker = new Thread(() -> produce(source, queue), "keepsake-walk");
    walker.setDaemon(true);
    walker.start();
    try {
      while (true) {
        Object batch = queue.poll(1, TimeUnit.SECONDS);
        if (batch == null) {
          if (!walker.isAlive() && queue.isEmpty()) { // it died without a word (an Error while reporting one)
            throw new IOException("the walk of " + source.root() + " stopped without finishing; it is tried again on the next pass");
          }
          continue;
        }
        if (batch instanceof End end) {
          rethrow(end.failure());
          return;
        }
        @SuppressWarnings("unchecked")
        List<Told> entries = (List<Told>) batch;
        for (Told told : entries) {
          told.tell(sink);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while walking " + source.root(), e);
    } finally {
      walker.interrupt(); // a no-op when it ended; stops it when the sink failed
    }
  }

  private static void produce(Source source, BlockingQueue<Object> queue) {
    List<List<Told>> pending = new ArrayList<>(1);
    pending.add(new ArrayList<>(BATCH));
    Throwable failure = null;
    try {
      SortedWalk.walk(source, new SortedWalk.Sink() {
        @Override
        public void file(SourceFile file) {
          add(sink -> sink.file(file));
        }

        @Override
        public void passedOver(String relative, String reason) {
          add(sink -> sink.passedOver(relative, reason));
        }

        @Override
        public void unrepresentable(String shown) {
          add(sink -> sink.unrepresentable(shown));
        }

        @Override
        public void unreadable(String relative, String problem) {
          add(sink -> sink.unreadable(relative, problem));
        }

        private void add(Told told) {
          List<Told> batch = pending.get(0);
          batch.add(told);
          if (batch.size() >= BATCH) {
            put(queue, batch);
            pending.set(0, new ArrayList<>(BATCH));
          }
        }
      });
      put(queue, pending.get(0));
    } catch (Stopped stopped) {
      return; // the reader is gone
    } catch (Throwable t) {
      failure = t;
      try {
        put(queue, pending.get(0)); // what was walked before the failure is told first
      } catch (Stopped stopped) {
        return;
      }
    }
    try {
      put(queue, new End(failure));
    } catch (Stopped stopped) {
      // the reader is gone
    }
  }

  /** The reader stopped listening (its sink failed): the walk ends. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  private static void put(BlockingQueue<Object> queue, Object item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }

  private static void rethrow(Throwable failure) throws IOException {
    if (failure == null) {
      return;
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof UncheckedIOException unchecked) {
      throw unchecked.getCause();
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IOException(failure);
  }
}
