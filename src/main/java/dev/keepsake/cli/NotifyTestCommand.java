package dev.keepsake.cli;

import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Service;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.NotifySettings;
import dev.keepsake.notify.MailException;
import dev.keepsake.notify.MailMessage;
import dev.keepsake.notify.MailTransport;
import dev.keepsake.notify.Transports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keepsake notify-test}: one test mail through the configured transport, or exactly why not. */
@Command(
    name = "notify-test",
    mixinStandardHelpOptions = true,
    description = "Send one test message through the configured mail transport (SMTP or the outbox).",
    footer = {"", "Exit: 0 sent, 1 sending failed (the step that failed is named), 2 usage or config error."})
final class NotifyTestCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default /etc/keepsake/keepsake.yaml).")
  Path config = ConfigSources.DEFAULT_CONFIG;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NotifySettings notify;
    try {
      notify = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT).notifications();
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    MailTransport transport = Transports.from(notify, Clock.systemUTC());
    String host = Service.hostName();
    MailMessage test = new MailMessage("[keepsake" + (host.isEmpty() ? "" : " " + host) + "] test message",
        "This is a test from keepsake notify-test at " + Instant.now() + ".\nError digests and the weekly report will come this way.\n",
        "<html><body><p>This is a test from <b>keepsake notify-test</b> at " + Instant.now()
            + ".</p><p>Error digests and the weekly report will come this way.</p></body></html>", null);
    try {
      transport.send(test);
    } catch (MailException e) {
      err.println("keepsake: test message not sent via " + transport.describe() + ": " + e.getMessage());
      return 1;
    }
    out.println("sent a test message via " + transport.describe());
    return 0;
  }
}
