package dev.keepsake.cli;

import dev.keepsake.fs.FileNameEncoding;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar keepsake.jar <command>}. */
@Command(
    name = "keepsake",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Archives a phone's photos and videos, one way, into a date-sorted, write-once archive.")
public final class Main {
  /**
   * The subcommands, by name, in help order. picocli reflects over a command's options when it is
   * added, so a run adds only the one it names (a short run starts faster); help adds them all.
   */
  static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ingest", IngestCommand::new);
    COMMANDS.put("import", ImportCommand::new);
    COMMANDS.put("run", RunCommand::new);
    COMMANDS.put("hook", HookCommand::new);
    COMMANDS.put("report", ReportCommand::new);
    COMMANDS.put("notify-test", NotifyTestCommand::new);
    COMMANDS.put("verify", MaintenanceCommands.Verify::new);
    COMMANDS.put("rebuild-ledger", MaintenanceCommands.RebuildLedger::new);
    COMMANDS.put("why", HistoryCommands.Why::new);
    COMMANDS.put("forget", HistoryCommands.Forget::new);
    COMMANDS.put("status", StatusCommand::new);
    COMMANDS.put("doctor", DoctorCommand::new);
  }

  /** The commands that open files by name: they say at start when names cannot be UTF-8. */
  private static final java.util.Set<String> READS_NAMES = java.util.Set.of("ingest", "import", "run", "hook", "verify", "rebuild-ledger");

  /** Exit code for a usage or configuration error (picocli uses the same for bad flags). */
  static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
    if (named != null) {
      cli.addSubcommand(args[0], named.get());
    } else {
      COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
      cli.addSubcommand("help", new CommandLine.HelpCommand());
    }
    cli.setOut(out).setErr(err);
    if (args.length == 0) { // what it can do, rather than "Missing required subcommand"
      cli.usage(err);
      err.flush();
      return USAGE;
    }
    if (named != null && READS_NAMES.contains(args[0]) && FileNameEncoding.problem() != null) {
      err.println("keepsake: warning: " + FileNameEncoding.problem());
    }
    cli.setParameterExceptionHandler((e, args1) -> { // the reason and where help is, not the whole usage
      PrintWriter w = e.getCommandLine().getErr();
      w.println("keepsake: " + e.getMessage());
      w.println("(keepsake " + (e.getCommandLine() == cli ? "" : e.getCommandLine().getCommandName() + " ") + "--help lists the options)");
      w.flush();
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("keepsake: " + e);
      return 3;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"keepsake " + number()};
    }

    /** The release, from the version file the build writes (the pom's version). */
    static String number() {
      try (var in = Main.class.getResourceAsStream("/dev/keepsake/version.properties")) {
        if (in != null) {
          var p = new java.util.Properties();
          p.load(in);
          String v = p.getProperty("version", "");
          if (!v.isBlank() && !v.startsWith("${")) {
            return v;
          }
        }
      } catch (java.io.IOException unreadable) {
        // fall through: a build without its version file
      }
      return "unknown (built without its version file)";
    }
  }
}
