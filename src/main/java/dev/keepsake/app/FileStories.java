package dev.keepsake.app;

import dev.keepsake.ledger.ArchivedContent;
import dev.keepsake.ledger.FileHistory;
import dev.keepsake.ledger.FileState;
import dev.keepsake.ledger.Ledger;
import dev.keepsake.notify.HumanText;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file's life as a person reads it ({@code keepsake why}, the page's search): every step the
 * ledger holds, in order, times in the archive's zone; and {@code keepsake forget}, the owner's
 * record of a file removed from the archive on purpose.
 */
public final class FileStories {
  /** At most this many files per question: a bare name like {@code IMG_0001.JPG} may name many. */
  public static final int LIMIT = 20;

  private FileStories() {}

  /** The files {@code question} names (source path, archive path or bare name), read beside a running service. */
  public static List<FileHistory.Entry> ask(Path ledgerFile, String question) {
    try (Ledger ledger = Keepsake.shared(ledgerFile, Clock.systemUTC())) {
      return new FileHistory(ledger).find(question, LIMIT);
    }
  }

  /** One file's story, a step per line, the first line naming it. */
  public static List<String> lines(FileHistory.Entry e, ZoneId zone) {
    List<String> out = new ArrayList<>();
    ArchivedContent c = e.content();
    FileHistory.SourceRow first = e.sources().isEmpty() ? null : e.sources().get(0);
    out.add(c != null ? c.archivePath() : first != null ? first.source() + ":" + first.path()
        : !e.pending().isEmpty() ? e.pending().get(0).source() + ":" + e.pending().get(0).path()
        : !e.attempts().isEmpty() ? e.attempts().get(0).source() + ":" + e.attempts().get(0).path() : "?");
    for (FileHistory.SourceRow s : e.sources()) {
      if (s.firstSeen() != null) {
        out.add("  " + HumanText.second(s.firstSeen(), zone) + "  first seen at " + s.source() + ":" + s.path()
            + (s.state() == FileState.DUPLICATE && c != null && e.forgotten() != null
                ? " (content forgotten on purpose: not archived again)"
                : s.state() == FileState.DUPLICATE && c != null ? " (same content as " + c.archivePath() + ": not copied again)"
                : s.state() == FileState.SKIPPED ? " (not a photo or video: not archived)" : ""));
      }
    }
    if (c != null) {
      out.add("  dated " + HumanText.local(c.date().local()) + (c.date().offset() == null ? "" : " " + c.date().offset())
          + " by " + c.date().origin().label() + " (" + c.date().origin().describe() + ")" + (c.date().origin().isWeak() ? " (a weak rule: check it)" : "")
          + (e.note() != null && e.note().beatenDates() != null ? "; the other rules said: " + e.note().beatenDates() : ""));
      if (c.date().zone() != null) {
        out.add("  local time: " + c.date().zone().explain());
      }
      out.add("  " + HumanText.second(c.ingestedAt(), zone) + "  archived as " + c.archivePath() + " ("
          + c.bytes() + " bytes, " + c.type().label() + ", sha256 " + c.hash().hex().substring(0, 16) + "…)"
          + (c.source().equals(dev.keepsake.ledger.FileStore.REBUILT) ? " — row rebuilt from the archive by rebuild-ledger" : ""));
      if (e.note() != null && e.note().rescuedFrom() != null) {
        out.add("  rescued from " + e.note().rescuedFrom() + " (Syncthing's versions: the phone had deleted it)");
      }
    }
    for (FileHistory.Attempt a : e.attempts()) {
      out.add("  " + HumanText.second(a.at(), zone) + "  " + a.source() + ":" + a.path() + " [" + a.kind() + "] " + switch (a.outcome()) {
        case "LOST" -> "LOST: it left the source before it could be archived; it is not in the archive";
        case "ARCHIVED" -> "archived on a retry";
        case "SETTLED" -> "settled (not archived: skipped)";
        default -> a.outcome();
      });
    }
    for (FileHistory.Pending p : e.pending()) {
      out.add("  waiting: " + p.source() + ":" + p.path() + " failed " + HumanText.count(p.failures(), "time") + " ["
          + p.kind() + "] " + p.message() + "; next try " + HumanText.second(p.nextAt(), zone));
    }
    for (FileHistory.SourceRow s : e.sources()) {
      if (s.removedAt() != null) {
        out.add("  " + HumanText.second(s.removedAt(), zone) + "  left the source " + s.source() + ":" + s.path()
            + (c != null && e.forgotten() == null ? " (the archive keeps it)" : ""));
      }
    }
    if (e.forgotten() != null) {
      out.add("  " + HumanText.second(e.forgotten().at(), zone) + "  forgotten on purpose (keepsake forget "
          + e.forgotten().archivePath() + "): its content is never archived again");
    }
    return out;
  }

  /** What became of one path given to {@code keepsake forget}. */
  public record Forgot(String asked, String archivePath, boolean stillThere) {
    public boolean known() {
      return archivePath != null;
    }
  }

  /**
   * Records that the owner removed these archived files on purpose. Nothing in the archive is
   * deleted (Keepsake never deletes): a file still there is reported, for the owner to remove.
   *
   * @param paths archive paths, relative or absolute below {@code root}
   */
  public static List<Forgot> forget(Path root, Path ledgerFile, List<String> paths) {
    List<Forgot> out = new ArrayList<>();
    try (Ledger ledger = Keepsake.shared(ledgerFile, Clock.systemUTC())) {
      for (String asked : paths) {
        String rel = relative(root, asked);
        Optional<ArchivedContent> c = rel == null ? Optional.empty() : ledger.files().forget(rel);
        out.add(new Forgot(asked, c.map(ArchivedContent::archivePath).orElse(null),
            c.isPresent() && Files.exists(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)));
      }
    }
    return out;
  }

  private static String relative(Path root, String asked) {
    Path p = Path.of(asked);
    if (p.isAbsolute()) {
      Path normal = p.normalize();
      Path r = root.toAbsolutePath().normalize();
      return normal.startsWith(r) ? r.relativize(normal).toString() : null;
    }
    String rel = p.normalize().toString();
    return rel.startsWith("..") ? null : rel;
  }
}
