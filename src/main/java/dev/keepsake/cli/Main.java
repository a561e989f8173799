package dev.keepsake.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar keepsake.jar <command>}. */
@Command(
    name = "keepsake",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Archives a phone's photos and videos, one way, into a date-sorted, write-once archive.",
    subcommands = {IngestCommand.class, RunCommand.class, HookCommand.class, ReportCommand.class,
        NotifyTestCommand.class, MaintenanceCommands.Verify.class, MaintenanceCommands.RebuildLedger.class,
        StatusCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  /** Exit code for a usage or configuration error (picocli uses the same for bad flags). */
  static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("keepsake: " + e);
      return 3;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"keepsake " + (v == null ? "dev" : v)};
    }
  }
}
