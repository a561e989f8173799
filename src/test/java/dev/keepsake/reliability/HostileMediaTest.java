package dev.keepsake.reliability;

import static dev.keepsake.testing.JpegFixture.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that attack the metadata reader, and a JVM without a UTF-8 locale, under the deployed heap:
 * each bad file is still archived (dated by the next rule) or fails alone; the pass goes on.
 */
@Tag("reliability")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileMediaTest {

  @TempDir Path tmp;

  @Test
  void smallFilesWhoseMetadataInflatesToAGigabyteAreArchivedWithTheHeapOfTheDeployment() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    byte[] bomb = deflatedZeros(1L << 30);
    Files.write(phone.resolve("ztxt-bomb.png"), png(chunk("zTXt", concat(latin1("XML:com.adobe.xmp\0\0"), bomb))));
    Files.write(phone.resolve("itxt-bomb.png"), png(chunk("iTXt", concat(latin1("XML:com.adobe.xmp\0\1\0\0\0"), bomb))));
    Files.write(phone.resolve("iccp-bomb.png"), png(chunk("iCCP", concat(latin1("icc\0\0"), bomb))));
    Files.write(phone.resolve("huge-claim.png"), png(hugeChunkHeader())); // says 2 GiB of text follow; 8 do
    Files.write(phone.resolve("IMG_1.jpg"), jpeg().original("2023:09:16 12:34:56").bytes());
    long largest;
    try (Stream<Path> s = Files.list(phone)) {
      largest = s.mapToLong(p -> p.toFile().length()).max().orElse(0);
    }
    Path log = tmp.resolve("ingest.log");
    Process p = ChildJvm.startDeployed(log, "ingest", "--source", phone.getParent().toString(), "--archive",
        archive.toString(), "--zone", "UTC");
    long peak = 0;
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, ChildJvm.rssKib(p.pid()));
    }
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("archived 5 (");
    assertThat(archive.resolve("2023/09/IMG_1.jpg")).exists();
    assertThat(peak).as("peak RSS in KiB").isLessThan(256 * 1024);
    Figures.print("metadata bombs", "files 5 (4 hostile, largest " + largest / 1024 + " KiB, inflating to 1 GiB each),"
        + " archived 5, crashes 0, peak RSS " + peak / 1024 + " MiB with the deployed flags");
  }

  @Test
  void withoutAUtf8LocaleNonAsciiNamesFailAloneAndThePassGoesOn() throws Exception {
    Path phone = Files.createDirectories(tmp.resolve("phone/DCIM"));
    Path archive = Files.createDirectory(tmp.resolve("archive"));
    Files.write(phone.resolve("plain.jpg"), jpeg().original("2023:09:16 12:34:56").salt("1").bytes());
    Files.write(phone.resolve("Café.jpg"), jpeg().original("2023:09:16 12:34:56").salt("2").bytes());
    Files.write(phone.resolve("日本の写真.jpg"), jpeg().original("2023:09:16 12:34:56").salt("3").bytes());
    Path log = tmp.resolve("ingest.log");
    Process p = ChildJvm.startExactly(log, List.of(ChildJvm.ADD_OPENS), Map.of("LC_ALL", "C", "LANG", "C"),
        "ingest", "--source", phone.getParent().toString(), "--archive", archive.toString(), "--zone", "UTC");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isEqualTo(1); // some files failed; not 3 (the pass aborted)
    assertThat(out).contains("archived 1 (").contains("failed 2").contains("warning: this JVM reads file names as")
        .contains("[unrepresentable-name]").contains("LANG=C.UTF-8");
    assertThat(archive.resolve("2023/09/plain.jpg")).exists();
    Figures.print("no UTF-8 locale", "files 3, archived 1, failed alone with their kind 2, passes aborted 0");
  }

  private static byte[] deflatedZeros(long size) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    byte[] buffer = new byte[1 << 16];
    for (long fed = 0; fed < size; fed += zeros.length) {
      deflater.setInput(zeros);
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static byte[] png(byte[]... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    out.writeBytes(chunk("IHDR", new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0}));
    for (byte[] c : chunks) {
      out.writeBytes(c);
    }
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  private static byte[] chunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(latin1(type));
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(latin1(type)).put(data).putInt((int) crc.getValue())
        .array();
  }

  private static byte[] hugeChunkHeader() {
    return ByteBuffer.allocate(16).putInt(Integer.MAX_VALUE).put(latin1("tEXt")).put(latin1("Title\0xx")).array();
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

}
