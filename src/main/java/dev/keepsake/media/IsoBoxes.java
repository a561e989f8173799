package dev.keepsake.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * A bounded walk over the boxes ("atoms") of a QuickTime / ISO-BMFF file, for what
 * metadata-extractor does not read: whether a file is one at all when it does not begin with
 * {@code ftyp}, the movie and first track headers' creation times where the library gives up (it
 * stops at any box over 2 GiB, as a 4K clip's {@code mdat} before its {@code moov}, and reads a
 * version-1 {@code mvhd}'s 64-bit times as version 0), the user-data date ({@code ©day},
 * {@code date}) and the place ({@code ©xyz}, 3GPP {@code loci}).
 *
 * <p>Boxes are visited by position: a header is read, a payload skipped by seeking, so a 4 GB
 * {@code mdat} costs one read. Only {@code moov}, {@code trak}, {@code mdia}, {@code udta},
 * {@code meta} and {@code ilst} are entered, at most {@link #MAX_BOXES} boxes are looked at and at most {@link #MAX_VALUE} bytes of
 * any value read: a hostile file gets a bounded walk and an empty answer, never an exception.
 */
final class IsoBoxes {
  /** What older cameras and editors begin a movie with, beside the modern {@code ftyp}. */
  static final Set<String> FIRST_BOXES = Set.of("ftyp", "moov", "free", "skip", "wide", "mdat", "pnot");
  private static final int MAX_BOXES = 4096;
  private static final int MAX_VALUE = 4096;

  /** Seconds from QuickTime's epoch, 1904-01-01 UTC, to Java's. */
  private static final long EPOCH_1904 = -2_082_844_800L;

  /**
   * What the boxes hold; any part may be null.
   *
   * @param movieCreated the movie header's ({@code mvhd}) creation time, null when absent or zero
   * @param trackCreated the first track's media header's ({@code mdhd}) creation time, null when absent or zero
   * @param movieHeader true when a {@code moov} box held an {@code mvhd}: the file is a movie
   */
  record UserData(String contentDate, GeoPosition position, Instant movieCreated, Instant trackCreated,
      boolean movieHeader) {
    static final UserData NONE = new UserData(null, null, null, null, false);
  }

  private final FileChannel file;
  private final long size;
  private int visited;
  private String day;
  private String date;
  private GeoPosition position;
  private Instant movieCreated;
  private Instant trackCreated;
  private boolean movieHeader;

  private IsoBoxes(FileChannel file) throws IOException {
    this.file = file;
    this.size = file.size();
  }

  /** True when {@code head} begins with a box QuickTime files begin with, of a size that fits. */
  static boolean looksLikeIsoBmff(byte[] head, long fileSize) {
    if (head.length < 8) {
      return false;
    }
    long boxSize = ByteBuffer.wrap(head, 0, 4).getInt() & 0xFFFFFFFFL;
    String type = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
    boolean sizeFits = boxSize == 0 || boxSize == 1 || (boxSize >= 8 && boxSize <= fileSize);
    return sizeFits && FIRST_BOXES.contains(type);
  }

  /** Reads the user data of {@code file}; {@link UserData#NONE} when there is none or it is malformed. */
  static UserData read(FileChannel file) {
    try {
      IsoBoxes walk = new IsoBoxes(file);
      walk.children(0, walk.size, 0);
      String contentDate = walk.day != null ? walk.day : walk.date;
      return new UserData(contentDate, walk.position, walk.movieCreated, walk.trackCreated, walk.movieHeader);
    } catch (IOException | RuntimeException malformed) {
      return UserData.NONE; // a broken box tree has no user data we could trust
    }
  }

  private void children(long from, long to, int depth) throws IOException {
    long at = from;
    while (at + 8 <= to && visited++ < MAX_BOXES) {
      ByteBuffer header = read(at, 16);
      if (header.remaining() < 8) {
        return;
      }
      long boxSize = header.getInt(0) & 0xFFFFFFFFL;
      String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
      long payload = at + 8;
      if (boxSize == 1) {
        if (header.remaining() < 16) {
          return;
        }
        boxSize = header.getLong(8);
        payload = at + 16;
      } else if (boxSize == 0) {
        boxSize = to - at; // to the end of its parent
      }
      long end = at + boxSize;
      if (boxSize < payload - at || end > to || end < at) {
        return; // a box that does not fit its parent: stop here, keep what was found
      }
      visit(type, payload, end, depth);
      at = end;
    }
  }

  private void visit(String type, long payload, long end, int depth) throws IOException {
    switch (type) {
      case "moov", "trak", "mdia", "udta", "ilst" -> {
        if (depth < 4) {
          children(payload, end, depth + 1);
        }
      }
      case "meta" -> {
        if (depth < 4) {
          // ISO meta is a full box (4 bytes of version and flags); QuickTime's is not: look for hdlr
          ByteBuffer probe = read(payload, 8);
          boolean full = probe.remaining() == 8 && !"hdlr".equals(new String(probe.array(), 4, 4, StandardCharsets.ISO_8859_1));
          children(full ? payload + 4 : payload, end, depth + 1);
        }
      }
      case "mvhd" -> {
        if (depth == 1) {
          movieHeader = true;
          movieCreated = first(movieCreated, created(payload, end));
        }
      }
      case "mdhd" -> trackCreated = first(trackCreated, created(payload, end));
      case "\u00a9day" -> day = first(day, text(payload, end));
      case "date" -> date = first(date, text(payload, end));
      case "\u00a9xyz" -> position = first(position, GeoPosition.iso6709(text(payload, end)).orElse(null));
      case "loci" -> position = first(position, loci(payload, end));
      default -> { } // anything else is skipped unread
    }
  }

  /**
   * The creation time of a full box that begins with one ({@code mvhd}, {@code mdhd}): version 0
   * holds 32-bit seconds since 1904, version 1 64-bit ones. Zero (never set) and impossible values are null.
   */
  private Instant created(long payload, long end) throws IOException {
    ByteBuffer b = read(payload, (int) Math.min(12, end - payload));
    int version = b.remaining() >= 1 ? b.get(0) : -1;
    long seconds;
    if (version == 0 && b.remaining() >= 8) {
      seconds = b.getInt(4) & 0xFFFFFFFFL;
    } else if (version == 1 && b.remaining() >= 12) {
      seconds = b.getLong(4);
    } else {
      return null;
    }
    if (seconds <= 0 || seconds > 1L << 40) { // zero: never set; beyond 36,000 years: not a time
      return null;
    }
    return Instant.ofEpochSecond(seconds + EPOCH_1904);
  }

  /**
   * A user-data string in any of its three spellings: iTunes style (a {@code data} box inside),
   * QuickTime style (16-bit length and language, then the text), or the bare text.
   */
  private String text(long payload, long end) throws IOException {
    ByteBuffer b = read(payload, (int) Math.min(MAX_VALUE, end - payload));
    int n = b.remaining();
    if (n >= 16 && "data".equals(new String(b.array(), 4, 4, StandardCharsets.ISO_8859_1))) {
      int length = Math.min(b.getInt(0), n) - 16;
      return length > 0 ? new String(b.array(), 16, length, StandardCharsets.UTF_8) : null;
    }
    if (n >= 4) {
      int length = b.getShort(0) & 0xFFFF;
      if (length > 0 && length <= n - 4) {
        return new String(b.array(), 4, length, StandardCharsets.UTF_8);
      }
    }
    return n > 0 ? new String(b.array(), 0, n, StandardCharsets.UTF_8) : null;
  }

  /** 3GPP location: version/flags, language, a name (UTF-8 or UTF-16), role, then 16.16 longitude and latitude. */
  private GeoPosition loci(long payload, long end) throws IOException {
    ByteBuffer b = read(payload, (int) Math.min(MAX_VALUE, end - payload));
    int at = 6;
    boolean utf16 = b.remaining() > at + 1 && (b.get(at) & 0xFF) == 0xFE && (b.get(at + 1) & 0xFF) == 0xFF;
    if (utf16) {
      at += 2;
      while (at + 1 < b.remaining() && (b.get(at) != 0 || b.get(at + 1) != 0)) {
        at += 2;
      }
      at += 2;
    } else {
      while (at < b.remaining() && b.get(at) != 0) {
        at++;
      }
      at++;
    }
    at++; // role
    if (at + 8 > b.remaining()) {
      return null;
    }
    double longitude = b.getInt(at) / 65536.0;
    double latitude = b.getInt(at + 4) / 65536.0;
    return GeoPosition.of(latitude, longitude).orElse(null);
  }

  private ByteBuffer read(long at, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(Math.max(0, (int) Math.min(length, size - at)));
    while (b.hasRemaining()) {
      if (file.read(b, at + b.position()) < 0) {
        break;
      }
    }
    b.flip();
    return b;
  }

  private static <T> T first(T already, T found) {
    return already != null ? already : found;
  }
}
