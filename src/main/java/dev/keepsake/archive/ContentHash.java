package dev.keepsake.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      return of(in);
    }
  }

  /** The hash of everything {@code in} yields from its position to its end. */
  public static ContentHash of(ReadableByteChannel in) throws IOException {
    MessageDigest digest = newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    while (in.read(buffer) >= 0) {
      buffer.flip();
      digest.update(buffer);
      buffer.clear();
    }
    return of(digest.digest());
  }

  @Override
  public String toString() {
    return hex;
  }
}
