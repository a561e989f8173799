package dev.keepsake.cli;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.ReportNow;
import dev.keepsake.config.ConfigException;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.notify.MailException;
import dev.keepsake.notify.MailMessage;
import dev.keepsake.notify.MailTransport;
import dev.keepsake.notify.Transports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keepsake report [--since DATE] [--send]}: the ingest report, printed or mailed. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Print the ingest report for the last week (or since DATE); --send mails it instead.",
    footer = {"", "Exit: 0 printed or sent, 1 sending failed, 2 usage or config error."})
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default /etc/keepsake/keepsake.yaml).")
  Path config = ConfigSources.DEFAULT_CONFIG;

  @Option(names = "--since", converter = DayConverter.class, paramLabel = "DATE", description = "First day of the report (yyyy-MM-dd, yesterday, 7d; default: 7 days ago).")
  LocalDate since;

  @Option(names = "--send", description = "Mail the report through the configured transport.")
  boolean send;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigSources.Loaded loaded;
    try {
      loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    var ingest = loaded.ingest();
    Clock clock = Clock.system(ingest.zone());
    Instant until = clock.instant();
    Instant from = since == null ? until.minus(Duration.ofDays(7)) : since.atStartOfDay(ingest.zone()).toInstant();
    Path ledgerFile = ingest.effectiveLedgerFile();
    if (!Files.exists(ledgerFile)) {
      err.println("keepsake: no ledger at " + ledgerFile + ": nothing has been archived yet (run keepsake ingest or run)");
      return Main.USAGE;
    }
    MailMessage report;
    try {
      report = ReportNow.build(ingest, loaded.notifications().reportZone(), from, until, clock);
    } catch (LedgerException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    if (!send) {
      out.println(report.subject());
      out.println();
      out.print(report.text());
      out.flush();
      return 0;
    }
    MailTransport transport = Transports.from(loaded.notifications(), clock);
    try {
      transport.send(report);
    } catch (MailException e) {
      err.println("keepsake: report not sent via " + transport.describe() + ": " + e.getMessage());
      return 1;
    }
    out.println("sent the report via " + transport.describe());
    return 0;
  }

}
