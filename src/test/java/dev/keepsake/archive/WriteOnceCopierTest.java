package dev.keepsake.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepsake.fs.ConfinedFile;
import dev.keepsake.fs.ConfinedRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WriteOnceCopierTest {
  @TempDir Path tmp;
  Path archive;
  Path source;
  final List<Path> journaled = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    archive = Files.createDirectory(tmp.resolve("archive"));
    source = Files.createDirectory(tmp.resolve("phone"));
  }

  private WriteOnceCopier copier(WriteOnceCopier.SourceOpener opener) {
    return new WriteOnceCopier(archive, opener, journaled::add);
  }

  private Path sourceFile(String name, String content) throws IOException {
    Path file = source.resolve(name);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2021-02-03T04:05:06Z")));
    return file;
  }

  private StagedCopy stage(WriteOnceCopier copier, Path file, Path dir) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return copier.stage(new ConfinedFile(new ConfinedRoot(source), file.getFileName().toString()), a.size(),
        a.lastModifiedTime(), a.fileKey().toString(), dir);
  }

  private List<String> namesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theDeviceOfAFileKey() {
    assertThat(WriteOnceCopier.device("(dev=803,ino=1234)")).isEqualTo("803");
    assertThat(WriteOnceCopier.device(null)).isNull();
    assertThat(WriteOnceCopier.device("(ino=1234)")).isNull();
  }

  @Test
  void aCopyHasExactlyTheModeOfTheArchivesUmaskWhateverTheProcessUmask() throws Exception {
    // 0027 (the unit's): asked for at creation, the process's umask (0022 here) takes nothing away;
    // 0000: the process's umask would take bits away, so the mode is set after creation
    for (int umask : new int[] {0027, 0077, 0}) {
      Path dir = archive.resolve("umask" + Integer.toOctalString(umask));
      WriteOnceCopier copier = new WriteOnceCopier(archive, WriteOnceCopier.SourceOpener.DEFAULT, journaled::add, umask);
      StagedCopy staged = stage(copier, sourceFile("IMG_" + umask + ".jpg", "photo"), dir);
      copier.sync(staged);
      assertThat(staged.onRootFileSystem()).isTrue(); // the same disk as the archive root: a sync of it covers this
      Placement placed = copier.place(staged, "IMG.jpg");
      assertThat(Permissions.of(0666 & ~umask)).as("umask %o", umask)
          .isEqualTo(Files.getPosixFilePermissions(placed.path()));
    }
  }

  @Test
  void copiesBytesAndMtimeAndLeavesNoTempFile() throws IOException {
    Path file = sourceFile("IMG_1.jpg", "photo bytes");
    WriteOnceCopier copier = copier(WriteOnceCopier.SourceOpener.DEFAULT);
    Path dir = archive.resolve("2021/02");
    StagedCopy staged = stage(copier, file, dir);
    assertThat(staged.temp().getFileName().toString()).startsWith(".keepsake-tmp-");
    assertThat(journaled).containsExactly(dir);
    Placement placed = copier.place(staged, "IMG_1.jpg");
    assertThat(placed.path()).isEqualTo(dir.resolve("IMG_1.jpg")).hasContent("photo bytes");
    assertThat(placed.adopted()).isFalse();
    assertThat(Files.getLastModifiedTime(placed.path())).isEqualTo(Files.getLastModifiedTime(file));
    assertThat(namesIn(dir)).containsExactly("IMG_1.jpg");
    assertThat(staged.hash()).isEqualTo(ContentHash.of(file));
  }

  @Test
  void neverReplacesAFileWithOtherContentButNamesTheNewOneByItsHash() throws IOException {
    Path dir = Files.createDirectories(archive.resolve("2021/02"));
    Files.writeString(dir.resolve("IMG_1.jpg"), "the first photo");
    Path file = sourceFile("IMG_1.jpg", "another photo, same name");
    WriteOnceCopier copier = copier(WriteOnceCopier.SourceOpener.DEFAULT);
    StagedCopy staged = stage(copier, file, dir);
    Placement placed = copier.place(staged, "IMG_1.jpg");
    assertThat(dir.resolve("IMG_1.jpg")).hasContent("the first photo");
    assertThat(placed.path().getFileName().toString()).isEqualTo("IMG_1~" + staged.hash().hash8() + ".jpg");
    assertThat(placed.path()).hasContent("another photo, same name");
  }

  @Test
  void adoptsAnIdenticalFileLeftByARunThatStoppedBeforeRecordingIt() throws IOException {
    Path dir = Files.createDirectories(archive.resolve("2021/02"));
    Files.writeString(dir.resolve("IMG_1.jpg"), "same bytes");
    Path file = sourceFile("IMG_1.jpg", "same bytes");
    WriteOnceCopier copier = copier(WriteOnceCopier.SourceOpener.DEFAULT);
    Placement placed = copier.place(stage(copier, file, dir), "IMG_1.jpg");
    assertThat(placed.adopted()).isTrue();
    assertThat(namesIn(dir)).containsExactly("IMG_1.jpg");
  }

  @Test
  void aSourceThatGrowsDuringTheCopyIsNotArchivedInThatState() throws IOException {
    Path file = sourceFile("VID_1.mp4", "x".repeat(10_000));
    WriteOnceCopier.SourceOpener growing = confined -> {
      Files.writeString(confined.path(), "more frames", StandardOpenOption.APPEND); // the phone is still writing
      return confined.open();
    };
    Path dir = archive.resolve("2021/02");
    assertThatThrownBy(() -> stage(copier(growing), file, dir)).isInstanceOf(SourceChangedException.class);
    assertThat(namesIn(dir)).isEmpty();
  }

  @Test
  void aSourceTruncatedDuringTheCopyIsNotArchivedInThatState() throws IOException {
    Path file = sourceFile("VID_2.mp4", "z".repeat(100_000));
    WriteOnceCopier.SourceOpener truncating = confined -> {
      FileChannel channel = confined.open();
      try (FileChannel writer = FileChannel.open(confined.path(), StandardOpenOption.WRITE)) {
        writer.truncate(10); // the phone replaced it with something shorter
      }
      return channel;
    };
    Path dir = archive.resolve("2021/02");
    assertThatThrownBy(() -> stage(copier(truncating), file, dir)).isInstanceOf(SourceChangedException.class);
    assertThat(namesIn(dir)).isEmpty();
  }

  @Test
  void aFileOfManyWindowsIsCopiedExactlyWithOrWithoutMemoryMapping() throws IOException {
    byte[] bytes = new byte[9 << 20 | 12345]; // two whole 4 MiB windows and a ragged end
    new java.util.Random(7).nextBytes(bytes);
    Path file = source.resolve("VID_big.mp4");
    Files.write(file, bytes);
    WriteOnceCopier.SourceOpener unmappable = confined -> new FailingChannel(confined.open(), Long.MAX_VALUE, false);
    for (WriteOnceCopier.SourceOpener opener : List.of(WriteOnceCopier.SourceOpener.DEFAULT, unmappable)) {
      Path dir = archive.resolve(opener == unmappable ? "unmappable" : "mapped");
      StagedCopy staged = stage(copier(opener), file, dir);
      assertThat(staged.bytes()).isEqualTo(bytes.length);
      assertThat(staged.hash()).isEqualTo(ContentHash.of(file));
      assertThat(Files.readAllBytes(staged.temp())).isEqualTo(bytes);
    }
  }

  @Test
  void aWriteThatFailsHalfwayLeavesNothingBehind() throws IOException {
    Path file = sourceFile("VID_1.mp4", "y".repeat(3 << 20));
    WriteOnceCopier.SourceOpener failing = confined -> new FailingChannel(confined.open(), 1 << 20);
    Path dir = archive.resolve("2021/02");
    assertThatThrownBy(() -> stage(copier(failing), file, dir)).isInstanceOf(IOException.class);
    assertThat(namesIn(dir)).isEmpty();
  }

  @Test
  void aRegularFileWhereAFolderMustGoIsAClearError() throws IOException {
    Files.writeString(archive.resolve("2021"), "someone put a file here");
    Path file = sourceFile("IMG_1.jpg", "photo");
    assertThatThrownBy(() -> stage(copier(WriteOnceCopier.SourceOpener.DEFAULT), file, archive.resolve("2021/02")))
        .hasMessageContaining("is a file, not a folder");
    assertThat(archive.resolve("2021")).hasContent("someone put a file here");
  }

  @Test
  void refusesToCreateTheArchiveRootWhenItIsGone() throws IOException {
    Path file = sourceFile("IMG_1.jpg", "photo");
    Files.delete(archive);
    assertThatThrownBy(() -> stage(copier(WriteOnceCopier.SourceOpener.DEFAULT), file, archive.resolve("2021/02")))
        .hasMessageContaining("will not recreate it");
    assertThat(archive).doesNotExist();
  }

  @Test
  void collisionNamesAreDeterministic() {
    ContentHash hash = ContentHash.of(new byte[32]);
    assertThat(CollisionNames.name("IMG_1.jpg", hash, 0, 255)).isEqualTo("IMG_1.jpg");
    assertThat(CollisionNames.name("IMG_1.jpg", hash, 1, 255)).isEqualTo("IMG_1~00000000.jpg");
    assertThat(CollisionNames.name("README", hash, 2, 255)).isEqualTo("README~0000000000000000");
    assertThat(CollisionNames.name(".hidden", hash, 1, 255)).isEqualTo(".hidden~00000000");
  }

  /**
   * A read channel that fails after some bytes, as a disk error would, and, if asked, cannot be
   * mapped, as on FUSE file systems with direct I/O.
   */
  private static final class FailingChannel extends FileChannel {
    private final FileChannel inner;
    private final boolean mappable;
    private long left;

    FailingChannel(FileChannel inner, long failAfter) {
      this(inner, failAfter, true);
    }

    FailingChannel(FileChannel inner, long failAfter, boolean mappable) {
      this.inner = inner;
      this.left = failAfter;
      this.mappable = mappable;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (left <= 0) {
        throw new IOException("Input/output error");
      }
      int n = inner.read(dst);
      left -= n;
      return n;
    }

    @Override public long read(ByteBuffer[] dsts, int offset, int length) { throw new UnsupportedOperationException(); }
    @Override public int write(ByteBuffer src) { throw new UnsupportedOperationException(); }
    @Override public long write(ByteBuffer[] srcs, int offset, int length) { throw new UnsupportedOperationException(); }
    @Override public long position() throws IOException { return inner.position(); }
    @Override public FileChannel position(long p) throws IOException { inner.position(p); return this; }
    @Override public long size() throws IOException { return inner.size(); }
    @Override public FileChannel truncate(long size) { throw new UnsupportedOperationException(); }
    @Override public void force(boolean metaData) { }
    @Override
    public long transferTo(long p, long c, java.nio.channels.WritableByteChannel t) throws IOException {
      if (left <= 0) {
        throw new IOException("Input/output error");
      }
      long n = inner.transferTo(p, Math.min(c, left), t);
      left -= n;
      return n;
    }
    @Override public long transferFrom(java.nio.channels.ReadableByteChannel s, long p, long c) { throw new UnsupportedOperationException(); }
    @Override
    public int read(ByteBuffer dst, long p) throws IOException {
      if (left <= 0) {
        throw new IOException("Input/output error");
      }
      int n = inner.read(dst, p);
      left -= Math.max(n, 0);
      return n;
    }
    @Override public int write(ByteBuffer src, long p) { throw new UnsupportedOperationException(); }
    @Override
    public java.nio.MappedByteBuffer map(MapMode m, long p, long s) throws IOException {
      if (!mappable) {
        throw new IOException("No such device");
      }
      return inner.map(m, p, s);
    }
    @Override public java.nio.channels.FileLock lock(long p, long s, boolean sh) { throw new UnsupportedOperationException(); }
    @Override public java.nio.channels.FileLock tryLock(long p, long s, boolean sh) { throw new UnsupportedOperationException(); }
    @Override protected void implCloseChannel() throws IOException { inner.close(); }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
