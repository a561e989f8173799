package dev.keepsake.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * A secret kept in a file of its own (an API key, a password, a token): read, stripped, never
 * echoed. The error names the config key, the file once, and what is wrong with it and the fix;
 * a file every user may read is a warning.
 */
final class SecretFile {
  private SecretFile() {}

  static String read(String key, Path file, List<String> warnings) throws ConfigException {
    String value;
    try {
      value = Files.readString(file).strip();
    } catch (NoSuchFileException e) {
      throw new ConfigException(key + ": " + file + " does not exist: put the secret in it (one line) and chmod 600 it,"
          + " or fix the path (relative paths are read from the config file's folder)");
    } catch (AccessDeniedException e) {
      throw new ConfigException(key + ": " + file + " is not readable by the user Keepsake runs as ("
          + System.getProperty("user.name") + "): chown or chmod it so that user may read it");
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "it is a folder, not a file" : e.getClass().getSimpleName()
          + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : ": " + e.getMessage());
      throw new ConfigException(key + ": cannot read " + file + " (" + why + ")");
    }
    if (value.isEmpty()) {
      throw new ConfigException(key + ": " + file + " is empty: put the secret in it (one line)");
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.OTHERS_READ)) {
        warnings.add(key + ": " + file + " is readable by every user; chmod 600 it");
      }
    } catch (UnsupportedOperationException | IOException notPosix) {
      // nothing to check on this file system
    }
    return value;
  }
}
