package dev.keepsake.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class GroupSyncTest {
  @TempDir Path tmp;

  /** A file-system sync that waits, each time, until the test lets it finish. */
  static final class HeldSync implements GroupSync.FileSystemSync {
    final Semaphore finish = new Semaphore(0);
    final Semaphore started = new Semaphore(0);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void sync(Path onFileSystem) {
      calls.incrementAndGet();
      started.release();
      finish.acquireUninterruptibly();
    }
  }

  @Test
  void aRequestIsAnsweredOnlyByASyncThatStartedAfterIt() throws Exception {
    HeldSync held = new HeldSync();
    try (GroupSync group = new GroupSync(tmp, held)) {
      CompletableFuture<Void> first = group.request();
      assertThat(held.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> second = group.request(); // written while the first sync runs: not covered by it
      held.finish.release();
      first.get(10, TimeUnit.SECONDS);
      assertThat(held.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue(); // a second sync, for the second
      assertThat(second).isNotDone();
      held.finish.release();
      second.get(10, TimeUnit.SECONDS);
      assertThat(held.calls).hasValue(2);
    }
  }

  @Test
  void everyoneWhoAsksDuringOneSyncSharesTheNext() throws Exception {
    HeldSync held = new HeldSync();
    try (GroupSync group = new GroupSync(tmp, held)) {
      CompletableFuture<Void> first = group.request();
      assertThat(held.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Void>> waiting = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        waiting.add(group.request());
      }
      held.finish.release(2);
      first.get(10, TimeUnit.SECONDS);
      CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(held.calls).hasValue(2); // 201 files made durable by two syncs
    }
  }

  @Test
  void aFailedSyncFailsItsGroupAndTheNextGroupTriesAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    GroupSync.FileSystemSync failsSecond = root -> {
      if (calls.incrementAndGet() == 2) {
        throw new IOException("sync --file-system failed (exit 1): Input/output error");
      }
    };
    try (GroupSync group = new GroupSync(tmp, failsSecond)) {
      group.request().get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> group.request().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasRootCauseMessage("sync --file-system failed (exit 1): Input/output error");
      group.request().get(10, TimeUnit.SECONDS); // it worked before: a failure is that group's, not the end of it
      assertThat(calls).hasValue(3);
    }
  }

  @Test
  void aSyncThatNeverWorkedHereIsNotTriedAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    GroupSync.FileSystemSync missing = root -> {
      calls.incrementAndGet();
      throw new IOException("cannot run sync --file-system: No such file or directory");
    };
    try (GroupSync group = new GroupSync(tmp, missing)) {
      assertThatThrownBy(() -> group.request().get(10, TimeUnit.SECONDS)).hasRootCauseMessage(
          "cannot run sync --file-system: No such file or directory");
      CompletableFuture<Void> later = group.request();
      assertThat(later).isCompletedExceptionally(); // at once: its callers fsync each file instead
      assertThat(calls).hasValue(1);
    }
  }

  @Test
  void aBugInTheSyncFailsItsGroupAndTheThreadGoesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    GroupSync.FileSystemSync buggy = root -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("boom");
      }
    };
    try (GroupSync group = new GroupSync(tmp, buggy)) {
      assertThatThrownBy(() -> group.request().get(10, TimeUnit.SECONDS)).hasMessageContaining("boom");
      group.request().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theRealFileSystemSyncRunsHere() throws Exception {
    Files.writeString(tmp.resolve("a"), "written before the request");
    try (GroupSync group = new GroupSync(tmp, GroupSync.SYNCFS)) {
      group.request().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void theRealSyncNamesTheFolderWhenItFails() {
    assertThatThrownBy(() -> GroupSync.SYNCFS.sync(tmp.resolve("no-such-folder")))
        .isInstanceOf(IOException.class).hasMessageContaining("no-such-folder").hasMessageContaining("exit 1");
  }

  @Test
  void requestsAfterCloseFailRatherThanHang() throws Exception {
    GroupSync group = new GroupSync(tmp, root -> { });
    group.request().get(10, TimeUnit.SECONDS);
    group.close();
    CompletableFuture<Void> late = group.request();
    assertThat(late).isCompletedExceptionally();
  }
}
