package dev.keepsake.reliability;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/**
 * Permission denied for real: root reads everything, so Keepsake runs here as {@code nobody}
 * (setpriv) on a source with an unreadable folder and an unreadable file. Both are listed with the
 * fix; the rest is archived. CI runs as root and must run this.
 */
@Tag("reliability")
@Timeout(600)
class NonRootPermissionTest {
  @TempDir Path tmp;

  @Test
  void unreadableFolderAndFileAreListedAndTheRestIsArchived() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
    if (!(root && setpriv) && "1".equals(System.getenv("KEEPSAKE_REQUIRE_CORPUS"))) {
      fail("CI runs as root with setpriv: this test must run there");
    }
    assumeTrue(root && setpriv, "needs root (to become nobody) and setpriv");

    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    List<String> classpath = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path from = Path.of(entry);
      if (Files.isRegularFile(from)) {
        Path to = lib.resolve((n++) + "-" + from.getFileName());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        classpath.add(to.toString());
      } else if (Files.isDirectory(from)) {
        Path to = lib.resolve((n++) + "-classes");
        try (Stream<Path> all = Files.walk(from)) {
          for (Path p : all.toList()) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
              Files.createDirectories(target);
            } else {
              Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
        classpath.add(to.toString());
      }
    }
    try (Stream<Path> all = Files.walk(lib)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    Path phone = Files.createDirectories(tmp.resolve("phone/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Files.write(phone.resolve("IMG_ok.jpg"), jpeg().original("2023:09:16 12:34:56").salt("ok").bytes());
    Path secret = Files.write(phone.resolve("IMG_secret.jpg"), jpeg().original("2023:09:17 12:34:56").salt("s").bytes());
    Path locked = Files.createDirectories(phone.resolve("Locked"));
    Files.write(locked.resolve("IMG_inside.jpg"), jpeg().original("2023:09:18 12:34:56").salt("i").bytes());
    Files.setPosixFilePermissions(phone.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(phone, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(phone.resolve("IMG_ok.jpg"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rwxrwxrwx"));

    Path log = tmp.resolve("ingest.log");
    List<String> command = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp.resolve("jtmp"),
        "-cp", String.join(File.pathSeparator, classpath), "dev.keepsake.cli.Main",
        "ingest", "--source", phone.getParent().toString(), "--archive", archive.toString(), "--zone", "UTC");
    Files.createDirectories(tmp.resolve("jtmp"));
    Files.setPosixFilePermissions(tmp.resolve("jtmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log);
    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("DCIM/Locked: permission denied (give the Keepsake user read access to it)")
        .contains("[permission-denied] permission denied reading").contains("IMG_secret.jpg")
        .contains("archived 1 (");
    assertThat(archive.resolve("2023/09/IMG_ok.jpg")).exists();
    Figures.print("permission denied (as nobody)", "files 3, archived 1, listed with the fix 2, crashes 0");
  }
}
