package dev.keepsake.media;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.quicktime.QuickTimeMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.imaging.png.PngMetadataReader;
import dev.keepsake.fs.ConfinedFile;
import dev.keepsake.fs.LimitedInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a file's head to tell photo from video from anything else — by content, not by name — and
 * collects the capture dates its metadata holds.
 *
 * <p>Only {@link IOException}s from opening the file escape (the file is unreadable). Anything a
 * malformed, truncated or hostile file does to the metadata parser — any {@code Throwable}, an
 * {@code OutOfMemoryError} among them — is caught and reported in {@link Inspection#problems()};
 * such a file is still media and is dated by the next rule. Reading is bounded: at most
 * {@link #MAX_METADATA_BYTES} bytes read, PNG text inflated within {@link BoundedPng}'s bounds, movie
 * boxes walked within {@link IsoBoxes}' bounds, a transport stream's first {@link MdpmDate#MAX_BYTES}.
 */
public final class MediaInspector {
  private static final int HEAD_BYTES = 400;
  private static final Set<FileType> PHOTO_TYPES =
      EnumSet.of(
          FileType.Jpeg, FileType.Tiff, FileType.Png, FileType.Gif, FileType.Bmp, FileType.WebP,
          FileType.Heif, FileType.Arw, FileType.Crw, FileType.Cr2, FileType.Nef, FileType.Orf,
          FileType.Raf, FileType.Rw2, FileType.Crx);
  private static final Set<FileType> VIDEO_TYPES =
      EnumSet.of(FileType.QuickTime, FileType.Mp4, FileType.Avi, FileType.Asf, FileType.Flv, FileType.Vob);
  /** ISO-BMFF brands of still images: HEIF/HEIC and AVIF share the container with MP4. */
  private static final Set<String> STILL_BRANDS =
      Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "avio");

  /** At most this much of a file is read for its metadata: metadata is kilobytes; more is broken or hostile. */
  static final long MAX_METADATA_BYTES = 16 << 20;

  private final MetadataDates metadataDates;

  public MediaInspector(ZoneId zone, Clock clock) {
    this.metadataDates = new MetadataDates(zone, new DatePlausibility(clock));
  }

  /**
   * Reads {@code file}'s head, never through a link.
   *
   * @throws IOException only when the file cannot be opened or read at all
   */
  public Inspection inspect(ConfinedFile file) throws IOException {
    try (FileChannel in = file.open()) {
      return inspect(file.name(), in);
    }
  }

  /** As {@link #inspect(ConfinedFile)}, for a file opened by path (tests, tools). */
  Inspection inspect(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      return inspect(file.getFileName().toString(), in);
    }
  }

  private Inspection inspect(String name, FileChannel channel) throws IOException {
    if (isSidecarName(name)) {
      return new Inspection(MediaType.SIDECAR, extension(name).toUpperCase(Locale.ROOT), List.of(), List.of());
    }
    long size = channel.size();
    InputStream raw = new LimitedInputStream(Channels.newInputStream(channel), MAX_METADATA_BYTES, () -> new IOException(
        "metadata reader wanted more than " + (MAX_METADATA_BYTES >> 20) + " MiB of the file; stopped there"));
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(HEAD_BYTES);
    byte[] head = in.readNBytes(HEAD_BYTES);
    in.reset();
    FileType fileType = detect(in);
    MediaType type = classify(fileType, head);
    List<String> problems = new ArrayList<>();
    if (type == MediaType.OTHER) {
      return otherUnlessMovie(in, channel, head, size, problems);
    }
    Metadata metadata = null;
    try {
      metadata = readMetadata(in, size, type, fileType, problems);
    } catch (Throwable malformed) { // whatever the file does to the parser stays with this file
      problems.add("metadata unreadable (" + describe(malformed) + ")");
    }
    boolean movie = fileType == FileType.QuickTime || fileType == FileType.Mp4 || fileType == FileType.Heif;
    return found(type, formatName(fileType, head), metadata, movie ? IsoBoxes.read(channel) : IsoBoxes.UserData.NONE,
        problems);
  }

  /** Everything the chain needs from one file's metadata and user data, each part read without throwing. */
  private Inspection found(MediaType type, String format, Metadata metadata, IsoBoxes.UserData userData,
      List<String> problems) {
    List<CaptureDate> dates = new ArrayList<>();
    java.time.ZoneOffset ownOffset = null;
    GeoPosition place = userData.position();
    if (metadata != null) {
      try {
        dates.addAll(metadataDates.from(metadata));
        ownOffset = metadataDates.ownOffset(metadata, dates);
        GeoPosition written = metadataDates.place(metadata);
        place = written != null ? written : place;
      } catch (Throwable malformed) {
        problems.add("metadata unreadable (" + describe(malformed) + ")");
      }
    }
    // the headers' times the library could not give (a box over 2 GiB before moov, a version-1 mvhd)
    for (CaptureDate header : metadataDates.fromMovieBoxes(userData)) {
      if (dates.stream().noneMatch(d -> d.origin() == header.origin())) {
        dates.add(header);
      }
    }
    dates.sort(java.util.Comparator.comparing(CaptureDate::origin)); // the chain's order, stable
    return new Inspection(type, format, dates, problems, metadataDates.userData(userData.contentDate()), ownOffset, place);
  }

  private static Metadata readMetadata(InputStream in, long size, MediaType type, FileType fileType, List<String> problems)
      throws Exception {
    if (fileType == FileType.Png) { // its reader inflates without bounds: give it a bounded copy
      return PngMetadataReader.readMetadata(new ByteArrayInputStream(BoundedPng.metadataOnly(in, problems)));
    }
    // AVIF (and HEIF under an unexpected brand) is detected as QuickTime by the library, whose
    // movie reader never looks for the still image's EXIF item: read it as HEIF instead.
    FileType reader = type == MediaType.PHOTO && VIDEO_TYPES.contains(fileType) ? FileType.Heif : fileType;
    return ImageMetadataReader.readMetadata(in, size, reader);
  }

  /**
   * A movie the library's detector misses: QuickTime that begins with {@code moov}, {@code mdat},
   * {@code free}, {@code skip}, {@code wide} or {@code pnot} instead of {@code ftyp} (older cameras and
   * editors), known by its first box whatever its name; or an MPEG transport stream (AVCHD), dated by
   * the camera's MDPM pack in its H.264 stream.
   */
  private Inspection otherUnlessMovie(InputStream in, FileChannel channel, byte[] head, long size, List<String> problems) {
    if (IsoBoxes.looksLikeIsoBmff(head, size)) {
      IsoBoxes.UserData boxes = IsoBoxes.read(channel);
      Metadata metadata = null;
      try {
        metadata = QuickTimeMetadataReader.readMetadata(in);
        QuickTimeDirectory movie = metadata.getFirstDirectoryOfType(QuickTimeDirectory.class);
        if (movie == null || movie.getTagCount() == 0) {
          metadata = null;
        }
      } catch (Throwable notQuickTime) {
        problems.add("not a QuickTime movie (" + describe(notQuickTime) + ")");
      }
      if (metadata != null || boxes.movieHeader()) { // the library's reading, or a moov with its header
        return found(MediaType.VIDEO, "QuickTime", metadata, boxes, metadata != null ? problems : new ArrayList<>());
      }
    }
    if (isMpegTransportStream(head)) {
      List<CaptureDate> dates = new ArrayList<>();
      try {
        MdpmDate.read(channel).flatMap(metadataDates::fromMdpm).ifPresent(dates::add);
      } catch (Throwable unreadable) {
        problems.add("H.264 stream unreadable (" + describe(unreadable) + ")");
      }
      return new Inspection(MediaType.VIDEO, "MPEG-TS", dates, problems);
    }
    return new Inspection(MediaType.OTHER, "unknown", List.of(), problems);
  }

  private static FileType detect(BufferedInputStream in) throws IOException {
    try {
      return FileTypeDetector.detectFileType(in);
    } catch (RuntimeException | StackOverflowError unrecognisable) {
      in.reset();
      return FileType.Unknown;
    }
  }

  static boolean isSidecarName(String name) {
    String ext = extension(name).toLowerCase(Locale.ROOT);
    return ext.equals("xmp") || ext.equals("aae");
  }

  private static MediaType classify(FileType fileType, byte[] head) {
    if (PHOTO_TYPES.contains(fileType)) {
      return MediaType.PHOTO;
    }
    if (VIDEO_TYPES.contains(fileType)) {
      return STILL_BRANDS.contains(ftypBrand(head)) ? MediaType.PHOTO : MediaType.VIDEO;
    }
    return MediaType.OTHER;
  }

  private static String formatName(FileType fileType, byte[] head) {
    String brand = ftypBrand(head);
    if (brand.startsWith("avi")) {
      return "AVIF";
    }
    return fileType.getName();
  }

  /** The major brand of an ISO-BMFF file ("heic", "mp42", "qt  "), or "" when there is none. */
  private static String ftypBrand(byte[] head) {
    if (head.length < 12 || !new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
      return "";
    }
    return new String(head, 8, 4, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
  }

  /** MPEG-TS (188-byte packets) or M2TS/MTS (192-byte packets) by their repeating sync byte 0x47. */
  private static boolean isMpegTransportStream(byte[] head) {
    return (head.length > 188 + 188 && head[0] == 0x47 && head[188] == 0x47 && head[376] == 0x47)
        || (head.length > 4 + 192 + 192 && head[4] == 0x47 && head[196] == 0x47 && head[388] == 0x47);
  }

  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
