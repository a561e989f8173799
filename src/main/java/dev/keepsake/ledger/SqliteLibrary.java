package dev.keepsake.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one copy of SQLite's native library in the user's cache and points sqlite-jdbc at it.
 * Left alone, sqlite-jdbc extracts the library (~1 MB) from the jar to a new temp file on every
 * start, reads it back to compare, and starts {@code uname -o} to rule out Android: ~80 ms of a
 * command-line run's ~0.45 s, measured. The copy is written once per sqlite-jdbc version (temp file,
 * then rename), in {@code $KEEPSAKE_CACHE}, else {@code $XDG_CACHE_HOME/keepsake}, else
 * {@code ~/.cache/keepsake} — where the launcher keeps its class archive.
 *
 * <p>Only for glibc Linux on x86_64 and aarch64, where the jar's folder for the library is certain;
 * anywhere else, or when the cache cannot be written, or it (or the copy) is not this user's alone,
 * or the copy does not load, nothing is set and sqlite-jdbc loads the library its own way. Never
 * fails.
 */
final class SqliteLibrary {
  private static final Logger log = LoggerFactory.getLogger(SqliteLibrary.class);
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteLibrary() {}

  /** Points sqlite-jdbc at the cached copy, making it first if needed. Call before SQLite loads. */
  static void useCachedCopy() {
    if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
      return; // the user chose a library
    }
    Optional<Path> lib = cacheDirectory().flatMap(SqliteLibrary::cachedCopy);
    if (lib.isEmpty() || !isOnlyOurs(lib.get()) || !isOnlyOurs(lib.get().getParent())) {
      return;
    }
    try {
      System.load(lib.get().toString()); // here, so a copy that cannot load (noexec mount) is noticed
    } catch (UnsatisfiedLinkError | SecurityException e) {
      log.debug("cached SQLite library {} does not load ({}); sqlite-jdbc extracts its own", lib.get(), e.toString());
      return;
    }
    System.setProperty(PATH_PROPERTY, lib.get().getParent().toString());
    System.setProperty(NAME_PROPERTY, lib.get().getFileName().toString());
  }

  /**
   * The cached copy of the library for this platform in {@code dir}, written there first if it is
   * missing or of another size; empty where this platform is not handled or {@code dir} cannot be
   * written.
   */
  static Optional<Path> cachedCopy(Path dir) {
    Optional<String> resource = resourceFolder().map(folder -> folder + "/libsqlitejdbc.so");
    URL url = resource.map(r -> SqliteLibrary.class.getClassLoader().getResource(r)).orElse(null);
    if (url == null) {
      return Optional.empty();
    }
    try {
      URLConnection connection = url.openConnection();
      long size = connection.getContentLengthLong(); // from the jar's directory: nothing inflated yet
      Path copy = dir.resolve("libsqlitejdbc-" + version() + "-" + size + "-" + resource.get().replace('/', '_'));
      if (size > 0 && Files.isRegularFile(copy) && Files.size(copy) == size) {
        return Optional.of(copy);
      }
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path temp = Files.createTempFile(dir, ".libsqlitejdbc-", ".tmp");
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, copy, StandardCopyOption.ATOMIC_MOVE); // a reader never sees half a library
      } finally {
        Files.deleteIfExists(temp);
      }
      return Optional.of(copy);
    } catch (IOException | RuntimeException e) {
      log.debug("cannot keep SQLite's library in {} ({}); sqlite-jdbc extracts its own", dir, e.toString());
      return Optional.empty();
    }
  }

  /** The jar folder sqlite-jdbc keeps this platform's library in, where it is certain. */
  static Optional<String> resourceFolder() {
    if (!System.getProperty("os.name", "").equals("Linux")
        || System.getProperty("java.runtime.name", "").toLowerCase(Locale.ROOT).contains("android")
        || isMusl()) {
      return Optional.empty();
    }
    return switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> Optional.of("org/sqlite/native/Linux/x86_64");
      case "aarch64", "arm64" -> Optional.of("org/sqlite/native/Linux/aarch64");
      default -> Optional.empty();
    };
  }

  /**
   * Whether {@code path} belongs to this user and nobody else may write it: code is loaded from it,
   * so a cache folder someone else can write (a shared {@code KEEPSAKE_CACHE}) is not used.
   */
  static boolean isOnlyOurs(Path path) {
    try {
      String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
      Set<PosixFilePermission> modes = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      return owner.equals(System.getProperty("user.name"))
          && !modes.contains(PosixFilePermission.GROUP_WRITE) && !modes.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isMusl() {
    try (var entries = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
      return entries.iterator().hasNext();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** sqlite-jdbc's version (read from its properties; loads nothing native). */
  private static String version() {
    String v = org.sqlite.SQLiteJDBCLoader.getVersion();
    return v == null || v.isBlank() ? "unknown" : v.replaceAll("[^A-Za-z0-9.]", "_");
  }

  private static Optional<Path> cacheDirectory() {
    String explicit = System.getenv("KEEPSAKE_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Optional.of(Path.of(xdg, "keepsake"));
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() || home.equals("?") ? Optional.empty() : Optional.of(Path.of(home, ".cache", "keepsake"));
  }
}
