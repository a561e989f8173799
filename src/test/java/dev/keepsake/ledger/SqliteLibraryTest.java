package dev.keepsake.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SqliteLibraryTest {
  @TempDir Path tmp;

  @Test
  void keepsOneExactCopyOfTheJarsLibraryAndReusesIt() throws Exception {
    Optional<String> folder = SqliteLibrary.resourceFolder();
    assumeTrue(folder.isPresent(), "not glibc Linux on x86_64/aarch64: sqlite-jdbc loads its own way");
    Path dir = tmp.resolve("cache");
    Path copy = SqliteLibrary.cachedCopy(dir).orElseThrow();
    byte[] expected;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(folder.get() + "/libsqlitejdbc.so")) {
      expected = in.readAllBytes();
    }
    assertThat(Files.readAllBytes(copy)).isEqualTo(expected);
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(copy); // no temp file left behind
    }

    FileTime marked = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(copy, marked);
    assertThat(SqliteLibrary.cachedCopy(dir)).contains(copy);
    assertThat(Files.getLastModifiedTime(copy)).as("reused, not written again").isEqualTo(marked);

    Files.write(copy, new byte[] {1, 2, 3}); // cut short (say, a full disk before rename ever existed)
    assertThat(SqliteLibrary.cachedCopy(dir)).contains(copy);
    assertThat(Files.readAllBytes(copy)).isEqualTo(expected);
  }

  @Test
  void aCacheThatCannotBeWrittenMeansSqliteLoadsItsOwnWay() throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("cache"), "a file where the cache folder should be");
    assertThat(SqliteLibrary.cachedCopy(notADirectory)).isEmpty();
    assertThat(notADirectory).hasContent("a file where the cache folder should be");
  }

  @Test
  void aCacheOthersMayWriteIsNotLoadedFrom() throws Exception {
    Path mine = Files.createDirectory(tmp.resolve("mine"));
    Files.setPosixFilePermissions(mine, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(SqliteLibrary.isOnlyOurs(mine)).isTrue();
    Files.setPosixFilePermissions(mine, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(SqliteLibrary.isOnlyOurs(mine)).isFalse();
    assertThat(SqliteLibrary.isOnlyOurs(tmp.resolve("missing"))).isFalse();
  }
}
