package dev.keepsake.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepsake.archive.Permissions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfinedRootTest {
  @TempDir Path tmp;

  private Path root() throws IOException {
    return Files.createDirectories(tmp.resolve("root"));
  }

  private Path outside() throws IOException {
    return Files.createDirectories(tmp.resolve("outside"));
  }

  @Test
  void aLinkAtAnyComponentIsRefusedAndNamed() throws Exception {
    Path root = root();
    Path outside = outside();
    Files.writeString(outside.resolve("secret.jpg"), "outside");
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/c"), outside);
    Files.createSymbolicLink(root.resolve("top"), outside);
    Files.createSymbolicLink(root.resolve("a/file.jpg"), outside.resolve("secret.jpg"));
    ConfinedRoot confined = new ConfinedRoot(root);

    assertThatThrownBy(() -> confined.openForReading("a/b/c/secret.jpg"))
        .isInstanceOf(LinkOnPathException.class)
        .satisfies(e -> assertThat(((LinkOnPathException) e).link()).isEqualTo(root.resolve("a/b/c")))
        .hasMessageContaining(root.resolve("a/b/c").toString());
    assertThatThrownBy(() -> confined.openForReading("top/secret.jpg")).isInstanceOf(LinkOnPathException.class);
    assertThatThrownBy(() -> confined.openForReading("a/file.jpg")).isInstanceOf(LinkOnPathException.class);
    assertThatThrownBy(() -> confined.folder("a/b/c")).isInstanceOf(LinkOnPathException.class);
    assertThatThrownBy(() -> confined.stat("a/b/c/secret.jpg")).isInstanceOf(LinkOnPathException.class);
    assertThat(confined.stat("a/file.jpg").isSymbolicLink()).isTrue(); // the last part is described, not followed
    assertThatThrownBy(() -> confined.folderCreating("a/b/c/new", Permissions.of(0750), p -> { }))
        .isInstanceOf(LinkOnPathException.class);
    assertThat(outside.resolve("new")).doesNotExist();
  }

  @Test
  void dotsAndDoubleSlashesAreOnePathAndDotDotIsRefused() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("DCIM"));
    Files.writeString(root.resolve("DCIM/a.jpg"), "a");
    ConfinedRoot confined = new ConfinedRoot(root);
    try (FileChannel in = confined.openForReading("DCIM/./a.jpg"); FileChannel in2 = confined.openForReading("DCIM//a.jpg")) {
      assertThat(in.size()).isEqualTo(1);
      assertThat(in2.size()).isEqualTo(1);
    }
    assertThatThrownBy(() -> confined.openForReading("DCIM/../../x")).hasMessageContaining("..");
  }

  @Test
  void foldersAreCreatedWithTheirModeAndAFileInTheWayIsNamed() throws Exception {
    Path root = root();
    List<Path> made = new ArrayList<>();
    ConfinedRoot confined = new ConfinedRoot(root);
    try (Folder f = confined.folderCreating("2023/09", Permissions.of(0750), made::add)) {
      assertThat(f.path()).isEqualTo(root.resolve("2023/09"));
    }
    assertThat(made).containsExactly(root.resolve("2023"), root.resolve("2023/09"));
    assertThat(Files.getPosixFilePermissions(root.resolve("2023/09"))).isEqualTo(Permissions.of(0750));
    Files.writeString(root.resolve("2024"), "a file where a folder belongs");
    assertThatThrownBy(() -> confined.folderCreating("2024/01", Permissions.of(0750), p -> { }))
        .isInstanceOf(NotDirectoryException.class).hasMessageContaining("2024");
  }

  @Test
  void aSecondNameNeverReplacesAnExistingFile() throws Exception {
    Path root = root();
    ConfinedRoot confined = new ConfinedRoot(root);
    try (Folder f = confined.folderCreating("d", Permissions.of(0750), p -> { })) {
      try (FileChannel out = f.createNew("tmp")) {
        out.write(ByteBuffer.wrap("new".getBytes()));
      }
      Files.writeString(root.resolve("d/taken.jpg"), "old");
      assertThatThrownBy(() -> f.link("tmp", "taken.jpg")).isInstanceOf(FileAlreadyExistsException.class);
      f.link("tmp", "free.jpg");
      f.delete("tmp");
      f.fsync();
    }
    assertThat(Files.readString(root.resolve("d/taken.jpg"))).isEqualTo("old");
    assertThat(Files.readString(root.resolve("d/free.jpg"))).isEqualTo("new");
  }

  @Test
  void testsRunWithFolderBoundPathsAsTheJarDoes() {
    assertThat(ConfinedRoot.foldersBound()).as("--add-opens java.base/sun.nio.fs (surefire argLine, jar manifest)").isTrue();
  }

  /**
   * A folder swapped for a link to the outside, again and again, while files are written into it:
   * every write lands inside the root or fails; none ever lands outside.
   */
  @Test
  void aFolderSwappedForALinkMidWayNeverCarriesAWriteOutside() throws Exception {
    Path root = root();
    Path outside = outside();
    ConfinedRoot confined = new ConfinedRoot(root);
    int written = 0;
    int refused = 0;
    try (FolderSwapper swapping = new FolderSwapper(root, outside)) {
      for (int i = 0; i < 3000; i++) {
        if (FolderSwapper.write(confined, i)) {
          written++;
        } else {
          refused++;
        }
      }
    }
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s).as("files written outside the root").isEmpty();
    }
    assertThat(written).isPositive();
    System.out.println("reliability: swapped folder: writes " + written + ", refused " + refused + ", written outside 0");
  }
}
