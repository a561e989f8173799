package dev.keepsake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keepsake.app.FolderMatch;
import dev.keepsake.app.FolderPaths;
import dev.keepsake.app.Keepsake;
import dev.keepsake.config.ConfigException;
import dev.keepsake.config.IngestSettings;
import dev.keepsake.config.ServiceSettings;
import dev.keepsake.ingest.ArchiveUnavailableException;
import dev.keepsake.ingest.Archiver;
import dev.keepsake.ingest.IngestOptions;
import dev.keepsake.ingest.IngestSummary;
import dev.keepsake.ingest.RetryPolicy;
import dev.keepsake.ledger.LedgerException;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keepsake hook --folder ID [PATH…]}: for Syncthing event hooks and scripts. Tells the running
 * service to look at these paths (all of the folder when none are given); with no service answering,
 * ingests them itself, once, under the archive lock.
 */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = "Tell the running service to look at paths of a Syncthing folder (or source); ingest them here if none runs.",
    footer = {"", "Exit: 0 queued by the service or archived here, 1 some files failed, 2 usage or config error."})
final class HookCommand implements Callable<Integer> {
  @Option(names = "--folder", paramLabel = "ID", required = true,
      description = "Syncthing folder id, or a source name from the config.")
  String folder;

  @Parameters(paramLabel = "PATH", description = "Paths relative to the folder (none: the whole folder).")
  List<String> paths = List.of();

  @Mixin ServiceOptions service = new ServiceOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path configFile = service.configFile();
    ConfigSources.Loaded loaded = null;
    String address = service.server;
    if (service.hasConfig()) {
      try {
        loaded = ConfigSources.load(configFile, null, null, FolderPaths.WhenUnknown.WAIT);
      } catch (ConfigException e) {
        err.println("keepsake: " + e.getMessage());
        return Main.USAGE;
      }
      if (address == null) {
        address = loaded.service().listen().getHostString() + ":" + loaded.service().listen().getPort();
      }
    }
    if (address == null) {
      address = ServiceSettings.DEFAULT_LISTEN;
    }
    try {
      String answer = post(address);
      out.println(answer.strip());
      return 0;
    } catch (ConnectException noService) {
      if (loaded == null) {
        err.println("keepsake: no service answers at " + address + " and there is no config (" + configFile
            + ") to ingest by myself; start `keepsake run` or pass --config");
        return Main.USAGE;
      }
      return ingestHere(loaded, out, err);
    } catch (HookRefused e) {
      String answer = e.getMessage().strip();
      // "queued N path(s) … refused M path(s): …": part was taken; say so rather than "refused"
      err.println("keepsake: " + (answer.startsWith("queued ") ? "" : "the service refused: ") + answer);
      return Main.USAGE;
    } catch (IOException e) {
      err.println("keepsake: cannot reach the service at " + address + ": " + e.getMessage());
      return Main.USAGE;
    }
  }

  private static final class HookRefused extends IOException {
    HookRefused(String message) {
      super(message);
    }
  }

  private String post(String address) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    body.put("folder", folder);
    paths.forEach(body.withArray("paths")::add);
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
    Request request = new Request.Builder().url("http://" + address + "/api/ingest")
        .post(RequestBody.create(json.writeValueAsString(body), MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (response.code() == 404 && text.contains("no source")) {
        // not a Syncthing folder id the service knows: perhaps a source name
        return postAsSource(http, json, address);
      }
      if (!response.isSuccessful()) {
        throw new HookRefused(text);
      }
      return text;
    }
  }

  private String postAsSource(OkHttpClient http, ObjectMapper json, String address) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("source", folder);
    paths.forEach(body.withArray("paths")::add);
    Request request = new Request.Builder().url("http://" + address + "/api/ingest")
        .post(RequestBody.create(json.writeValueAsString(body), MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      if (!response.isSuccessful()) {
        throw new HookRefused(text);
      }
      return text;
    }
  }

  /** No service: ingest the paths here, under the archive lock, like a one-shot ingest. */
  private int ingestHere(ConfigSources.Loaded loaded, PrintWriter out, PrintWriter err) {
    loaded.notes().forEach(n -> err.println("keepsake: " + n));
    Source source = findSource(loaded);
    for (var pending : loaded.ingest().pending()) {
      if (source == null && (pending.name().equals(folder) || pending.folderId().equals(folder))) {
        err.println("keepsake: source " + pending.name() + " cannot be ingested here: " + pending.why());
        return Main.USAGE;
      }
    }
    if (source == null) {
      err.println("keepsake: no source for folder '" + folder + "': name a source of the config, or a Syncthing folder"
          + " whose path is a source's path");
      return Main.USAGE;
    }
    IngestSettings s = loaded.ingest();
    IngestOptions options = Keepsake.options(s, Clock.system(s.zone()), false);
    Instant start = Instant.now();
    ConsoleListener listener = new ConsoleListener(out, err, false, false, ProgressLine.forTerminal(err));
    try (Keepsake keepsake = Keepsake.open(options);
        Archiver archiver = keepsake.archiver(listener, s2 -> Duration.ZERO, RetryPolicy.defaults())) {
      IngestSummary summary = paths.isEmpty() ? archiver.reconcile(List.of(source)) : archiver.ingestPaths(source, paths);
      out.println(summary.line(Duration.between(start, Instant.now())));
      return summary.failed() > 0 ? 1 : 0;
    } catch (ArchiveUnavailableException | LedgerException e) {
      err.println("keepsake: " + e.getMessage());
      return Main.USAGE;
    } finally {
      listener.finish();
    }
  }

  private Source findSource(ConfigSources.Loaded loaded) {
    for (Source source : loaded.ingest().sources()) {
      if (source.name().equals(folder)) {
        return source;
      }
    }
    IngestSettings s = loaded.ingest();
    for (Source source : s.sources()) {
      if (folder.equals(s.folderIds().get(source.name()))) {
        return source; // a syncthing-folder source, by its folder id: no need to ask Syncthing
      }
    }
    if (loaded.syncthing() != null) {
      try {
        return FolderMatch.sourceOf(loaded.syncthing().folder(folder), s.sources(), s.folderIds()).orElse(null);
      } catch (IOException e) { // Syncthing said no
        return null;
      }
    }
    return null;
  }
}
