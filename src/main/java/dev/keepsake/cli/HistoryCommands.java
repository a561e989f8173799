package dev.keepsake.cli;

import dev.keepsake.app.FileStories;
import dev.keepsake.config.ConfigException;
import dev.keepsake.ledger.FileHistory;
import dev.keepsake.ledger.LedgerException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A file's life from the ledger: {@code why}, and the owner's deliberate deletes: {@code forget}. */
final class HistoryCommands {
  private HistoryCommands() {}

  /** The archive and its ledger, or null after saying why there is none to ask. */
  private static MaintenanceCommands.ArchiveChoice.Resolved withLedger(MaintenanceCommands.ArchiveChoice where, PrintWriter err) {
    MaintenanceCommands.ArchiveChoice.Resolved r;
    try {
      r = (where == null ? new MaintenanceCommands.ArchiveChoice() : where).resolve();
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return null;
    }
    if (!Files.exists(r.ledger())) {
      err.println("keepsake: no ledger at " + r.ledger() + ": nothing has been archived yet");
      return null;
    }
    return r;
  }

  @Command(
      name = "why",
      mixinStandardHelpOptions = true,
      description = "Tell every step of a file's life from the ledger: first seen, the date rule that won (and what the"
          + " others said), where it was archived, its duplicates, failures and retries, when it left the phone,"
          + " a .stversions rescue.",
      footer = {"", "PATH: a source path (DCIM/IMG_1.jpg or pixel:DCIM/IMG_1.jpg), an archive path, or a bare file name.",
          "Exit: 0 found, 1 the ledger knows no such file, 2 usage or config error."})
  static final class Why implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    MaintenanceCommands.ArchiveChoice where = new MaintenanceCommands.ArchiveChoice();

    @Parameters(paramLabel = "PATH", arity = "1", description = "What to ask about.")
    String path;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      MaintenanceCommands.ArchiveChoice.Resolved r = withLedger(where, err);
      if (r == null) {
        return Main.USAGE;
      }
      if (path.isBlank()) {
        err.println("keepsake: why: give a path or a file name to ask about");
        return Main.USAGE;
      }
      List<FileHistory.Entry> found;
      try {
        found = FileStories.ask(r.ledger(), path);
      } catch (LedgerException e) {
        err.println("keepsake: " + e.getMessage());
        return Main.USAGE;
      }
      if (found.isEmpty()) {
        err.println("keepsake: the ledger knows no file at or named " + path
            + " (try the bare file name, or source:path as keepsake status names the source)");
        return 1;
      }
      for (int i = 0; i < found.size(); i++) {
        if (i > 0) {
          out.println();
        }
        FileStories.lines(found.get(i), r.zone()).forEach(l -> out.println(dev.keepsake.source.SourcePaths.printable(l)));
      }
      if (found.size() >= FileStories.LIMIT) {
        out.println();
        out.println("(the first " + FileStories.LIMIT + " files only: give more of the path)");
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = "Record that you removed these files from the archive on purpose: verify stops reporting them missing,"
          + " and their content is never archived again (from any phone or path). Keepsake deletes nothing itself.",
      footer = {"", "Exit: 0 all recorded, 1 some paths are not archived files, 2 usage or config error."})
  static final class Forget implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    MaintenanceCommands.ArchiveChoice where = new MaintenanceCommands.ArchiveChoice();

    @Parameters(paramLabel = "ARCHIVE-PATH", arity = "1..*", description = "Archive paths (relative to the archive, or absolute).")
    List<String> paths;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      MaintenanceCommands.ArchiveChoice.Resolved r = withLedger(where, err);
      if (r == null) {
        return Main.USAGE;
      }
      List<FileStories.Forgot> results;
      try {
        results = FileStories.forget(r.root(), r.ledger(), paths);
      } catch (LedgerException e) {
        err.println("keepsake: " + e.getMessage());
        return Main.USAGE;
      }
      int unknown = 0;
      for (FileStories.Forgot f : results) {
        if (!f.known()) {
          unknown++;
          err.println("not archived: " + dev.keepsake.source.SourcePaths.printable(f.asked()) + " (no archived file has this path; keepsake why names it)");
        } else {
          out.println("forgotten: " + dev.keepsake.source.SourcePaths.printable(f.archivePath()) + (f.stillThere()
              ? " (still in the archive: Keepsake deletes nothing; remove it yourself)" : ""));
        }
      }
      out.flush();
      return unknown == 0 ? 0 : 1;
    }
  }
}
