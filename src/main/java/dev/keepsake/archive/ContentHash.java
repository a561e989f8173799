package dev.keepsake.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 of a file's bytes, as 64 lowercase hex digits: the identity of archived content. */
public record ContentHash(String hex) {
  public ContentHash {
    if (!isHex64(hex)) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
    }
  }

  private static boolean isHex64(String hex) {
    if (hex == null || hex.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  public static ContentHash of(byte[] digest) {
    return new ContentHash(HexFormat.of().formatHex(digest));
  }

  /** The first 8 hex digits, used to make a clashing file name unique: {@code IMG_0001~3fa2c1d9.jpg}. */
  public String hash8() {
    return hex.substring(0, 8);
  }

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java runtime has SHA-256", impossible);
    }
  }

  public static ContentHash of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[256 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return of(digest.digest());
  }

  @Override
  public String toString() {
    return hex;
  }
}
