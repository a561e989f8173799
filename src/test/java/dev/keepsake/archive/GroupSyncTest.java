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
  void afterAFailedSyncEveryRequestFailsAtOnceSoEachFileTakesItsOwnFsync() throws Exception {
    // the kernel tells a write-back error once: a later sync that succeeds would hide it from the files
    // of the group that gathered meanwhile, so there is no later sync in this run
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
      assertThat(group.request()).isCompletedExceptionally();
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void aGroupThatGatheredDuringTheFailedSyncIsNotSyncedAgain() throws Exception {
    HeldSync held = new HeldSync();
    AtomicInteger calls = new AtomicInteger();
    try (GroupSync group = new GroupSync(tmp, root -> {
      calls.incrementAndGet();
      held.sync(root);
      throw new IOException("sync --file-system failed (exit 1): Input/output error");
    })) {
      CompletableFuture<Void> first = group.request();
      assertThat(held.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> meanwhile = group.request();
      held.finish.release();
      assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
      assertThatThrownBy(() -> meanwhile.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
      assertThat(calls).hasValue(1);
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
  void aBugInTheSyncFailsLikeAnyFailureAndTheThreadGoesOn() throws Exception {
    try (GroupSync group = new GroupSync(tmp, root -> {
      throw new IllegalStateException("boom");
    })) {
      assertThatThrownBy(() -> group.request().get(10, TimeUnit.SECONDS)).hasMessageContaining("boom");
      assertThat(group.request()).isCompletedExceptionally();
    }
  }

  @Test
  void syncfsIsTrustedOnlyWhereItReportsWriteErrors() {
    assertThat(GroupSync.reportsErrors("Linux", "5.8.0")).isTrue();
    assertThat(GroupSync.reportsErrors("Linux", "6.1.0-28-amd64")).isTrue();
    assertThat(GroupSync.reportsErrors("Linux", "5.15.0-91-generic")).isTrue();
    assertThat(GroupSync.reportsErrors("Linux", "5.4.0-150-generic")).isFalse(); // Ubuntu 20.04
    assertThat(GroupSync.reportsErrors("Linux", "4.4.302+")).isFalse(); // a Synology NAS
    assertThat(GroupSync.reportsErrors("Linux", "5.7.19")).isFalse();
    assertThat(GroupSync.reportsErrors("Linux", "unknown")).isFalse();
    assertThat(GroupSync.reportsErrors("Mac OS X", "14.1")).isFalse();
  }

  @Test
  void theRealSyncIsTrustedOnALocalDiskOnly() throws Exception {
    String type = Files.getFileStore(tmp).type();
    boolean recentLinux = GroupSync.reportsErrors(System.getProperty("os.name"), System.getProperty("os.version"));
    assertThat(GroupSync.SYNCFS.isReliableOn(tmp))
        .isEqualTo(recentLinux && java.util.Set.of("ext4", "xfs", "btrfs", "f2fs").contains(type));
    assertThat(GroupSync.SYNCFS.isReliableOn(Path.of("/proc"))).isFalse(); // not a disk
    assertThat(GroupSync.SYNCFS.isReliableOn(tmp.resolve("gone"))).isFalse();
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
        .isInstanceOf(IOException.class).hasMessageContaining("no-such-folder").hasMessageContaining("exit 1")
        .hasMessageContaining("No such file"); // what sync said
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
