package dev.keepsake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepsake.config.ConfigException;
import dev.keepsake.notify.HumanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keepsake status}: what the running service is doing, from its {@code /api/status}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show what the running service is doing: sources, queue, last ingest, open problems, Syncthing.",
    footer = {"", "Exit: 0 running and healthy, 1 running with a problem, 2 no service answers."})
final class StatusCommand implements Callable<Integer> {
  @Mixin ServiceOptions service = new ServiceOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String address;
    try {
      address = ConfigSources.serviceAddress(service);
    } catch (ConfigException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    }
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    JsonNode s;
    try (Response response = http.newCall(new Request.Builder().url("http://" + address + "/api/status").build()).execute()) {
      s = new ObjectMapper().readTree(response.body() == null ? "{}" : response.body().string());
    } catch (ConnectException e) {
      err.println("keepsake: no service answers at " + address + " (start it with `keepsake run`, or"
          + " `systemctl start keepsake`; pass --server if it listens elsewhere)");
      return Main.USAGE;
    } catch (IOException e) {
      err.println("keepsake: cannot read the status from " + address + ": " + e.getMessage());
      return Main.USAGE;
    }
    for (JsonNode src : s.path("sources")) { // first what the owner wants to know: may the phone be cleared?
      out.println(src.path("safeLine").asText(src.path("name").asText() + ": (no safety line from this service)"));
    }
    for (JsonNode src : s.path("sources")) {
      JsonNode lost = src.path("lostRecently");
      if (lost.size() > 0) {
        List<String> paths = new java.util.ArrayList<>();
        lost.forEach(l -> paths.add(l.path("path").asText()));
        out.println(src.path("name").asText() + ": LOST in the last 30 days: " + HumanText.count(lost.size(), "file")
            + " left the phone before it could be archived: " + String.join(", ", paths) + " (keepsake why NAME tells more)");
      }
    }
    for (JsonNode u : s.path("unplacedSources")) { // configured, but Keepsake cannot reach its folder yet
      out.println(u.path("name").asText() + ": NOT safe: Keepsake does not know where its folder is yet, so nothing"
          + " of it is archived (" + u.path("why").asText() + ")");
    }
    out.println();
    out.println("keepsake at " + address + ": " + (s.path("healthy").asBoolean() ? "healthy" : "PROBLEM: " + s.path("problem").asText()));
    ZoneId zone = zoneOf(s);
    out.println("  running since " + when(s.path("started"), zone) + ", last ingest " + when(s.path("lastIngest"), zone)
        + ", queue " + s.path("queueDepth").asInt());
    JsonNode st = s.path("syncthing");
    out.println("  syncthing: " + (!st.path("configured").asBoolean() ? "not configured"
        : st.path("connected").asBoolean() ? "connected" : "NOT connected: " + st.path("problem").asText()));
    for (JsonNode src : s.path("sources")) {
      StringBuilder line = new StringBuilder("  source " + src.path("name").asText() + " (" + src.path("path").asText() + "): "
          + HumanText.count(src.path("archivedFiles").asLong(), "file") + " in the archive, " + src.path("waitingFiles").asLong()
          + " waiting, " + HumanText.count(src.path("duplicates").asLong(), "duplicate") + " since start");
      src.path("failures").fields().forEachRemaining(f -> line.append(", ").append(f.getValue().asLong()).append(' ').append(f.getKey()));
      out.println(line);
    }
    for (JsonNode i : s.path("openIncidents")) {
      out.println("  open: " + i.path("kind").asText() + (i.path("source").isTextual() ? " " + i.path("source").asText() : "")
          + (i.path("pattern").isTextual() ? " " + i.path("pattern").asText() : "") + " — " + i.path("count").asLong()
          + "× since " + when(i.path("since"), zone) + (i.path("cleared").asBoolean() ? " (clear now)" : ""));
    }
    out.flush();
    return s.path("healthy").asBoolean() ? 0 : 1;
  }

  /** The service's archive zone (older services did not say: the system's). */
  private static ZoneId zoneOf(JsonNode status) {
    try {
      return status.path("zone").isTextual() ? ZoneId.of(status.path("zone").asText()) : ZoneId.systemDefault();
    } catch (java.time.DateTimeException unknown) {
      return ZoneId.systemDefault();
    }
  }

  /** A UTC instant from the JSON as a person reads it: in the archive zone, labelled; "never" when absent. */
  private static String when(JsonNode instant, ZoneId zone) {
    if (!instant.isTextual()) {
      return "never";
    }
    try {
      return HumanText.second(java.time.Instant.parse(instant.asText()), zone);
    } catch (java.time.format.DateTimeParseException odd) {
      return instant.asText();
    }
  }
}
