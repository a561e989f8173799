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
    description = "Send one test message through every configured channel: mail (SMTP or the outbox), ntfy, Gotify, the webhook, the ping.",
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
    dev.keepsake.config.PushSettings push;
    try {
      ConfigSources.Loaded loaded = ConfigSources.load(config, null, null, FolderPaths.WhenUnknown.WAIT);
      notify = loaded.notifications();
      push = loaded.push();
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    MailTransport transport = Transports.from(notify, Clock.systemUTC());
    String host = Service.hostName();
    String title = "[keepsake" + (host.isEmpty() ? "" : " " + host) + "] test message";
    MailMessage test = new MailMessage(title,
        "This is a test from keepsake notify-test at " + Instant.now() + ".\nError digests and the weekly report will come this way.\n",
        "<html><body><p>This is a test from <b>keepsake notify-test</b> at " + Instant.now()
            + ".</p><p>Error digests and the weekly report will come this way.</p></body></html>", null);
    int failed = 0;
    try {
      transport.send(test);
      out.println("sent a test message via " + transport.describe());
    } catch (MailException e) {
      err.println("keepsake: test message not sent via " + transport.describe() + ": " + e.getMessage());
      failed++;
    }
    // every channel is tried, whatever the one before did: the owner learns of each at once
    dev.keepsake.push.Push pushTest = new dev.keepsake.push.Push(title, "A test from keepsake notify-test: error digests come this way.",
        dev.keepsake.push.Push.Priority.DEFAULT, java.util.List.of("test_tube"), push.publicUrl(),
        "{\"reason\":\"test\",\"safe\":[],\"open\":[],\"resolved\":[],\"lost\":[],\"notices\":[]}");
    for (dev.keepsake.push.PushChannel channel : dev.keepsake.app.Channels.digest(push)) {
      try {
        channel.send(pushTest);
        out.println("sent a test message via " + channel.describe());
      } catch (dev.keepsake.push.PushException e) {
        err.println("keepsake: test message not sent via " + channel.describe() + ": " + e.getMessage());
        failed++;
      }
    }
    dev.keepsake.push.Ping ping = dev.keepsake.app.Channels.ping(push, Clock.systemUTC());
    if (ping != null) {
      try {
        ping.tick(null);
        out.println("pinged " + ping.describe());
      } catch (dev.keepsake.push.PushException e) {
        err.println("keepsake: ping not sent via " + ping.describe() + ": " + e.getMessage());
        failed++;
      }
    }
    return failed == 0 ? 0 : 1;
  }
}
