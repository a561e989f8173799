package dev.keepsake.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepsake.archive.Permissions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Folders kept open for a pass: bounded, closed at its end, and no way out through a link. */
class OpenFoldersTest {
  @TempDir Path tmp;

  /**
   * This process's open handles on {@code root} or anything under it (not all of its handles: the
   * JVM opens jars and pipes of its own at any time, and a count of all of them was flaky).
   */
  private static long openFds(Path root) throws IOException {
    Path real = root.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).startsWith(real);
        } catch (IOException closedMeanwhile) {
          return false;
        }
      }).count();
    }
  }

  @Test
  void keptFoldersAreBoundedAndAllClosedWhenThePassEnds() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("archive"));
    ConfinedRoot confined = new ConfinedRoot(root);
    long before = openFds(root);
    try (ConfinedRoot.KeptOpen kept = confined.keepFoldersOpen()) {
      for (int i = 0; i < OpenFolders.CAPACITY + 50; i++) {
        try (Folder f = confined.folderCreating("2020/" + i, Permissions.of(0750), p -> { })) {
          try (FileChannel out = f.createNew("IMG_" + i + ".jpg")) {
            out.write(ByteBuffer.wrap(new byte[] {1}));
          }
        }
      }
      assertThat(OpenFolders.of(root.toAbsolutePath().normalize()).size()).isLessThanOrEqualTo(OpenFolders.CAPACITY);
      assertThat(openFds(root) - before).as("handles held while kept").isLessThanOrEqualTo(2L * OpenFolders.CAPACITY);
    }
    assertThat(OpenFolders.of(root.toAbsolutePath().normalize())).isNull();
    assertThat(openFds(root)).as("every handle closed when the pass ends").isLessThanOrEqualTo(before);
    assertThat(root.resolve("2020/177/IMG_177.jpg")).exists();
  }

  @Test
  void aLeaseHeldWhenThePassEndsStillWorksAndClosesWithIt() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("archive"));
    ConfinedRoot confined = new ConfinedRoot(root);
    long before = openFds(root);
    Folder held;
    try (ConfinedRoot.KeptOpen kept = confined.keepFoldersOpen()) {
      held = confined.folderCreating("2021/05", Permissions.of(0750), p -> { });
    }
    try (held; FileChannel out = held.createNew("late.jpg")) {
      out.write(ByteBuffer.wrap(new byte[] {2}));
    }
    assertThat(root.resolve("2021/05/late.jpg")).exists();
    assertThat(openFds(root)).isLessThanOrEqualTo(before);
  }

  @Test
  void aLinkOnThePathIsRefusedWhileFoldersAreKept() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("archive"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("2022"), outside);
    ConfinedRoot confined = new ConfinedRoot(root);
    try (ConfinedRoot.KeptOpen kept = confined.keepFoldersOpen()) {
      assertThatThrownBy(() -> confined.folderCreating("2022/01", Permissions.of(0750), p -> { }))
          .isInstanceOf(LinkOnPathException.class);
    }
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s).isEmpty();
    }
  }

  /** As ConfinedRootTest's swap, with the folders kept open: moved within the root, never outside. */
  @Test
  @Timeout(120)
  void aFolderSwappedForALinkWhileKeptNeverCarriesAWriteOutside() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("archive"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    ConfinedRoot confined = new ConfinedRoot(root);
    int written = 0;
    try (FolderSwapper swapping = new FolderSwapper(root, outside);
        ConfinedRoot.KeptOpen kept = confined.keepFoldersOpen()) {
      for (int i = 0; i < 3 * OpenFolders.USES; i++) {
        written += FolderSwapper.write(confined, i) ? 1 : 0;
      }
    }
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s).as("files written outside the root").isEmpty();
    }
    assertThat(written).isPositive();
  }
}
