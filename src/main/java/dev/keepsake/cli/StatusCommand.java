package dev.keepsake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepsake.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.time.Duration;
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
    for (JsonNode u : s.path("unplacedSources")) { // configured, but Keepsake cannot reach its folder yet
      out.println(u.path("name").asText() + ": NOT safe: Keepsake does not know where its folder is yet, so nothing"
          + " of it is archived (" + u.path("why").asText() + ")");
    }
    out.println();
    out.println("keepsake at " + address + ": " + (s.path("healthy").asBoolean() ? "healthy" : "PROBLEM: " + s.path("problem").asText()));
    out.println("  running since " + s.path("started").asText() + ", last ingest " + s.path("lastIngest").asText("never")
        + ", queue " + s.path("queueDepth").asInt());
    JsonNode st = s.path("syncthing");
    out.println("  syncthing: " + (!st.path("configured").asBoolean() ? "not configured"
        : st.path("connected").asBoolean() ? "connected" : "NOT connected: " + st.path("problem").asText()));
    for (JsonNode src : s.path("sources")) {
      StringBuilder line = new StringBuilder("  source " + src.path("name").asText() + " (" + src.path("path").asText() + "): "
          + src.path("archivedFiles").asLong() + " files in the archive, " + src.path("waitingFiles").asLong() + " waiting, "
          + src.path("duplicates").asLong() + " duplicates since start");
      src.path("failures").fields().forEachRemaining(f -> line.append(", ").append(f.getValue().asLong()).append(' ').append(f.getKey()));
      out.println(line);
    }
    for (JsonNode i : s.path("openIncidents")) {
      out.println("  open: " + i.path("kind").asText() + (i.path("source").isTextual() ? " " + i.path("source").asText() : "")
          + (i.path("pattern").isTextual() ? " " + i.path("pattern").asText() : "") + " — " + i.path("count").asLong()
          + "× since " + i.path("since").asText() + (i.path("cleared").asBoolean() ? " (clear now)" : ""));
    }
    out.flush();
    return s.path("healthy").asBoolean() ? 0 : 1;
  }
}
