package dev.keepsake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** The walk's order is the ledger's: byte order of UTF-8, a folder's files before its sub-folders' where they sort so. */
@Timeout(60)
class SortedWalkTest {
  @TempDir Path tmp;

  @Test
  void walksInTheByteOrderOfUtf8() throws Exception {
    List<String> names = List.of("a.jpg", "a/b.jpg", "a-b.jpg", "A.jpg", "ä.jpg", "\uFB01.jpg", "\uD83D\uDE00.jpg", "b/c/d.jpg",
        "b.jpg", "b/c.jpg", "a/Z.jpg");
    for (String n : names) {
      Path f = tmp.resolve(n);
      Files.createDirectories(f.getParent());
      Files.writeString(f, n);
    }
    TellingSink sink = new TellingSink();
    SortedWalk.walk(Source.of("s", tmp), sink);
    List<String> walked = sink.files.stream().map(SourceFile::relative).toList();
    List<String> bytewise = new ArrayList<>(names);
    bytewise.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
    assertThat(walked).containsExactlyElementsOf(bytewise);
    for (String x : names) {
      for (String y : names) {
        assertThat(Integer.signum(SortedWalk.compare(x, y))).as(x + " vs " + y).isEqualTo(Integer.signum(
            Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8))));
      }
    }
  }

  @Test
  void aFolderTooBigToHoldWholeIsWalkedByPackedNamesInTheSameOrderWithTheSameFacts() throws Exception {
    for (String n : List.of("DCIM/Camera/IMG_2.jpg", "DCIM/Camera/IMG_10.jpg", "DCIM/Camera/a.jpg", "DCIM/Camera/a/b.jpg",
        "DCIM/Camera/a-b.jpg", "DCIM/Camera/\u00e4.jpg", "DCIM/Camera/\uD83D\uDE00.jpg", "DCIM/Camera/\uFB01.jpg",
        "DCIM/Camera/.syncthing.x.jpg.tmp", "DCIM/Camera/.stversions/old.jpg", "DCIM/Camera/deep/er/c.jpg", "top.jpg")) {
      Path f = tmp.resolve(n);
      Files.createDirectories(f.getParent());
      Files.writeString(f, n);
    }
    Files.createSymbolicLink(tmp.resolve("DCIM/Camera/link.jpg"), tmp.resolve("top.jpg"));

    List<String> whole = told(SortedWalk.HELD_WHOLE, null);
    List<String> packed = told(2, null);

    assertThat(packed).containsExactlyElementsOf(whole);
    assertThat(whole).contains("passed DCIM/Camera/link.jpg: symbolic link, not followed")
        .noneMatch(line -> line.contains(".stversions") || line.contains(".syncthing."))
        .anyMatch(line -> line.startsWith("file DCIM/Camera/a/b.jpg 19 "));
  }

  @Test
  void aPackedEntryIsLookedAtAgainInItsTurnSoOneThatChangedMeanwhileIsToldAsItIsNow() throws Exception {
    for (String n : List.of("a.jpg", "b.jpg", "c.jpg", "d.jpg")) {
      Files.writeString(tmp.resolve(n), n);
    }
    List<String> lines = told(2, file -> {
      if (file.relative().equals("a.jpg")) { // while a.jpg is told: b goes, c becomes a folder, d grows
        Files.delete(tmp.resolve("b.jpg"));
        Files.delete(tmp.resolve("c.jpg"));
        Files.createDirectory(tmp.resolve("c.jpg"));
        Files.writeString(tmp.resolve("d.jpg"), "longer than before");
      }
    });

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("file a.jpg 5 ");
    assertThat(lines.get(1)).startsWith("unreadable c.jpg: changed between file and folder while being looked at");
    assertThat(lines.get(2)).startsWith("file d.jpg 18 ");
  }

  /** The walk's events as lines, {@code hook} told each file as it comes. */
  private List<String> told(int heldWhole, FileHook hook) throws Exception {
    TellingSink sink = new TellingSink() {
      @Override
      void afterFile(SourceFile file) throws java.io.IOException {
        if (hook != null) {
          hook.told(file);
        }
      }
    };
    SortedWalk.walk(Source.of("s", tmp), sink, heldWhole);
    return sink.told;
  }

  @FunctionalInterface
  private interface FileHook {
    void told(SourceFile file) throws java.io.IOException;
  }

  @Test
  void theSameKeysForEveryWayOfWritingTheRoot() throws Exception {
    Path phone = phoneWithFiles();
    Path relativeRoot = Path.of("").toAbsolutePath().relativize(phone);
    for (Path root : List.of(phone, phone.resolve("."), phone.resolve("DCIM/.."), relativeRoot, tmp.resolve("./phone"))) {
      TellingSink sink = new TellingSink();
      SortedWalk.walk(Source.of("pixel", root), sink);
      List<SourceFile> files = sink.files;
      assertThat(files).as("root %s", root).extracting(SourceFile::relative)
          .containsExactly("DCIM/Camera/a.jpg", "DCIM/b c.jpg", "x.jpg", "\u00e9/\u00fc.jpg");
      assertThat(files).allSatisfy(f -> assertThat(Files.readString(f.path())).isEqualTo(f.relative()));
    }
  }

  @Test
  void globsSeeTheRelativePath() throws Exception {
    Path phone = phoneWithFiles();
    TellingSink sink = new TellingSink();
    SortedWalk.walk(new Source("pixel", phone, PathFilter.of(List.of(), List.of("**/Camera/**")), false), sink);
    assertThat(sink.files).extracting(SourceFile::relative).containsExactly("DCIM/b c.jpg", "x.jpg", "\u00e9/\u00fc.jpg");
    assertThat(sink.passed).containsExactly("DCIM/Camera/a.jpg: excluded by include/exclude");
  }

  private Path phoneWithFiles() throws java.io.IOException {
    Path phone = Files.createDirectories(tmp.resolve("phone"));
    for (String rel : List.of("DCIM/Camera/a.jpg", "DCIM/b c.jpg", "x.jpg", "DCIM/.thumbnails/t.jpg", "\u00e9/\u00fc.jpg")) {
      Path file = phone.resolve(rel);
      Files.createDirectories(file.getParent());
      Files.writeString(file, rel);
    }
    return phone;
  }

  @Test
  void aTreeThousandsOfFoldersDeepIsWalkedOnASmallStack() throws Exception {
    Path dir = tmp;
    for (int i = 0; i < 1_900; i++) { // "d/" 1,900 times: a path of some 3,850 bytes, legal on Linux (4,096)
      dir = dir.resolve("d");
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("x.jpg"), "deep");
    Files.writeString(tmp.resolve("top.jpg"), "top");
    TellingSink sink = new TellingSink();
    Throwable[] failed = new Throwable[1];
    Thread walker = new Thread(null, () -> {
      try {
        SortedWalk.walk(Source.of("s", tmp), sink);
      } catch (Throwable t) {
        failed[0] = t;
      }
    }, "small-stack walk", 256 * 1024); // a recursive walk overflowed this (and a default 1 MiB one at 2,000 levels)
    walker.start();
    walker.join();

    assertThat(failed[0]).isNull();
    assertThat(sink.files).extracting(SourceFile::relative).containsExactly("d/".repeat(1_900) + "x.jpg", "top.jpg");
  }
}
