package dev.keepsake.config;

import dev.keepsake.archive.ArchiveRoot;
import dev.keepsake.archive.LayoutTemplate;
import dev.keepsake.source.PathFilter;
import dev.keepsake.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ingest needs, resolved and checked: the archive root, ledger file, layout, zone and
 * sources. Built from a config file or from command-line flags; every problem is a
 * {@link ConfigException} naming the key (or flag) and the fix.
 *
 * @param ledgerFile {@code null} for the default {@code <archive>/.keepsake/ledger.db}
 * @param pending {@code syncthing-folder} sources whose path is not known yet
 * @param folderIds the Syncthing folder id of each {@code syncthing-folder} source, by source name
 */
public record IngestSettings(
    Path archiveRoot, Path ledgerFile, LayoutTemplate layout, ZoneId zone, List<Source> sources, int umask,
    List<PendingSource> pending, Map<String, String> folderIds) {

  /**
   * A {@code syncthing-folder} source whose path nobody could say yet (Syncthing down or refusing the
   * key, and no path kept in the ledger from an earlier run): the service asks again until it can.
   */
  public record PendingSource(String name, String folderId, PathFilter filter, boolean includeOther, String why) {
    /** The source, once its folder's path is known. */
    public Source at(Path root) {
      return new Source(name, root, filter, includeOther);
    }
  }

  /** Lists are copied: settings never change after they are made. */
  public IngestSettings {
    sources = List.copyOf(sources);
    pending = List.copyOf(pending);
    folderIds = Map.copyOf(folderIds);
  }

  /** Archived files 0640, folders 0750 unless {@code archive.umask} says otherwise. */

  private static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9._-]*";

  /** Finds the path of a Syncthing folder by its id (asks Syncthing's REST API). */
  @FunctionalInterface
  public interface FolderResolver {
    /** @throws FolderPending when the path cannot be known now, but may be later (the service waits for it) */
    Path path(String folderId) throws ConfigException;

    FolderResolver NONE = id -> {
      throw new ConfigException("syncthing-folder: " + id + " needs the syncthing: section (url and api-key-file)"
          + " so Keepsake can ask Syncthing for its path; or give path: instead");
    };
  }

  /** Settings from a loaded config file; relative paths are read from the config file's folder. */
  public static IngestSettings fromConfig(KeepsakeConfig config, Path configFile) throws ConfigException {
    return fromConfig(config, configFile, FolderResolver.NONE);
  }

  /** As {@link #fromConfig(KeepsakeConfig, Path)}, looking {@code syncthing-folder} sources up with {@code folders}. */
  public static IngestSettings fromConfig(KeepsakeConfig config, Path configFile, FolderResolver folders)
      throws ConfigException {
    Path base = configFile.toAbsolutePath().getParent();
    KeepsakeConfig.Archive archive = config.archive();
    if (archive == null || archive.root() == null || archive.root().isBlank()) {
      throw new ConfigException("archive.root is missing in " + configFile + ": set it to the archive folder");
    }
    LayoutTemplate layout = layout("archive.layout", archive.layout());
    ZoneId zone = zone("archive.zone", archive.zone());
    if (config.sources() == null || config.sources().isEmpty()) {
      throw new ConfigException("sources is missing or empty in " + configFile + ": name at least one source with a path");
    }
    List<Source> sources = new ArrayList<>();
    List<PendingSource> pending = new ArrayList<>();
    Map<String, String> folderIds = new LinkedHashMap<>();
    for (Map.Entry<String, KeepsakeConfig.SourceEntry> e : config.sources().entrySet()) {
      if (e.getValue() != null && e.getValue().syncthingFolder() != null) {
        folderIds.put(e.getKey(), e.getValue().syncthingFolder());
      }
      try {
        sources.add(source(e.getKey(), e.getValue(), base, folders));
      } catch (FolderPending later) {
        KeepsakeConfig.SourceEntry entry = e.getValue();
        pending.add(new PendingSource(e.getKey(), entry.syncthingFolder(), filter("sources." + e.getKey(), entry),
            Boolean.TRUE.equals(entry.includeOther()), later.getMessage()));
      }
    }
    checkDurations(config);
    Path ledger = config.ledger() == null ? null : base.resolve(config.ledger()).normalize();
    int umask = ArchiveRoot.DEFAULT_UMASK;
    if (archive.umask() != null) {
      if (!archive.umask().matches("0?[0-7]{3}")) {
        throw new ConfigException("archive.umask: '" + archive.umask() + "' is not an octal umask; write it like \"0027\"");
      }
      umask = Integer.parseInt(archive.umask(), 8);
    }
    Path archiveRoot = base.resolve(archive.root()).normalize();
    checkOverlaps(archiveRoot, "archive.root", ledger, sources, name -> {
      KeepsakeConfig.SourceEntry entry = config.sources().get(name);
      return "sources." + name + (entry != null && entry.path() == null ? ".syncthing-folder" : ".path");
    });
    return new IngestSettings(archiveRoot, ledger, layout, zone, sources, umask, pending, folderIds);
  }

  /** The ledger a config names: {@code ledger:}, else {@code <archive.root>/.keepsake/ledger.db}; null without archive.root. */
  public static Path ledgerFileOf(KeepsakeConfig config, Path configFile) {
    Path base = configFile.toAbsolutePath().getParent();
    if (config.ledger() != null) {
      return base.resolve(config.ledger()).normalize();
    }
    if (config.archive() == null || config.archive().root() == null || config.archive().root().isBlank()) {
      return null;
    }
    return ArchiveRoot.defaultLedger(base.resolve(config.archive().root()).normalize());
  }

  /** The ledger file, {@code <archive>/.keepsake/ledger.db} unless {@code ledger:} names another. */
  public Path effectiveLedgerFile() {
    return ledgerFile != null ? ledgerFile : ArchiveRoot.defaultLedger(archiveRoot);
  }

  /** Settings from {@code --source DIR… --archive DIR}; each source is named after its folder. */
  public static IngestSettings fromFlags(List<Path> sourceDirs, Path archiveRoot, String layoutText, String zoneText)
      throws ConfigException {
    LayoutTemplate layout = layout("--layout", layoutText);
    ZoneId zone = zone("--zone", zoneText);
    Map<String, Source> sources = new LinkedHashMap<>();
    for (Path dir : sourceDirs) {
      Path root = existingDirectory("--source", dir);
      String name = uniqueName(nameFor(root), sources);
      sources.put(name, new Source(name, root, PathFilter.of(List.of(), List.of()), false));
    }
    Path archive = archiveRoot.toAbsolutePath().normalize();
    List<Source> list = List.copyOf(sources.values());
    checkOverlaps(archive, "--archive", null, list, name -> "--source " + list.stream()
        .filter(s -> s.name().equals(name)).findFirst().map(Source::root).orElse(null));
    return new IngestSettings(archive, null, layout, zone, list, ArchiveRoot.DEFAULT_UMASK, List.of(), Map.of());
  }

  /**
   * Refuses sources and an archive that overlap: a source that is the archive or lies inside it
   * (Keepsake would archive its own archive, and write into a source), an archive inside a source,
   * one source inside another (every file twice), a ledger inside a source. Each message names both.
   *
   * @param keyOf the config key (or flag) of a source, by name, for the message
   */
  public static void checkOverlaps(Path archiveRoot, String archiveKey, Path ledgerFile, List<Source> sources,
      java.util.function.Function<String, String> keyOf) throws ConfigException {
    Path archive = real(archiveRoot);
    for (Source s : sources) {
      Path root = real(s.root());
      String key = keyOf.apply(s.name()) + " (" + root + ")";
      if (root.equals(archive)) {
        throw new ConfigException(key + " is the archive itself (" + archiveKey + "): point the source at the phone's"
            + " folder and the archive at a folder of its own");
      }
      if (root.startsWith(archive)) {
        throw new ConfigException(key + " is inside the archive " + archive + " (" + archiveKey + "): Keepsake would"
            + " archive its own archive; move the source out of it, or the archive elsewhere");
      }
      if (archive.startsWith(root)) {
        throw new ConfigException(archiveKey + " (" + archive + ") is inside the source " + key + ": Keepsake never"
            + " writes into a source; put the archive outside every source folder");
      }
      if (ledgerFile != null && real(ledgerFile).startsWith(root)) {
        throw new ConfigException("ledger (" + ledgerFile + ") is inside the source " + key + ": Keepsake never writes"
            + " into a source; keep the ledger in the archive (the default) or under /var/lib/keepsake");
      }
      for (Source other : sources) {
        Path otherRoot = real(other.root());
        if (other != s && (otherRoot.startsWith(root))) {
          throw new ConfigException(keyOf.apply(other.name()) + " (" + otherRoot + ") " + (otherRoot.equals(root)
              ? "is the same folder as " : "is inside ") + key + ": every file would be archived twice; keep one of them");
        }
      }
    }
  }

  /** The path with links resolved where it exists (a link must not hide an overlap), else as written. */
  private static Path real(Path p) {
    Path absolute = p.toAbsolutePath().normalize();
    for (Path existing = absolute; existing != null; existing = existing.getParent()) {
      try {
        return existing.toRealPath().resolve(existing.relativize(absolute));
      } catch (IOException missing) {
        // try its parent
      }
    }
    return absolute;
  }

  /** A copy with the layout and zone replaced where the command line gives them. */
  public IngestSettings withOverrides(String layoutText, String zoneText) throws ConfigException {
    return new IngestSettings(archiveRoot, ledgerFile,
        layoutText == null ? layout : layout("--layout", layoutText),
        zoneText == null ? zone : zone("--zone", zoneText), sources, umask, pending, folderIds);
  }

  private static Source source(String name, KeepsakeConfig.SourceEntry entry, Path base, FolderResolver folders)
      throws ConfigException {
    String key = "sources." + name;
    if (!name.matches(NAME_RULE)) {
      throw new ConfigException(key + ": a source name may hold letters, digits, '.', '_' and '-' only (it is used in {source})");
    }
    if (entry == null) {
      throw new ConfigException(key + " is empty: give it a path");
    }
    if (entry.syncthingFolder() != null && entry.path() != null) {
      throw new ConfigException(key + ": give either path or syncthing-folder, not both");
    }
    if (entry.syncthingFolder() == null && entry.path() == null) {
      throw new ConfigException(key + ".path is missing: set it to the phone's folder on the NAS (or syncthing-folder: its folder id)");
    }
    PathFilter filter = filter(key, entry);
    Path root = entry.path() != null
        ? existingDirectory(key + ".path", base.resolve(entry.path()))
        : existingDirectory(key + ".syncthing-folder", folders.path(entry.syncthingFolder()));
    return new Source(name, root, filter, Boolean.TRUE.equals(entry.includeOther()));
  }

  private static PathFilter filter(String key, KeepsakeConfig.SourceEntry entry) throws ConfigException {
    try {
      return PathFilter.of(
          entry.include() == null ? List.of() : entry.include(),
          entry.exclude() == null ? List.of() : entry.exclude());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ".include/exclude: " + e.getMessage());
    }
  }

  /** A folder path that cannot be known now (Syncthing not answering) but may be later. */
  public static final class FolderPending extends ConfigException {
    public FolderPending(String message) {
      super(message);
    }
  }

  private static void checkDurations(KeepsakeConfig config) throws ConfigException {
    if (config.settle() != null) {
      Durations.parse("settle", config.settle());
    }
    if (config.reconcile() != null && config.reconcile().every() != null) {
      Durations.parse("reconcile.every", config.reconcile().every());
    }
    if (config.retry() != null) {
      if (config.retry().first() != null) {
        Durations.parse("retry.first", config.retry().first());
      }
      if (config.retry().max() != null) {
        Durations.parse("retry.max", config.retry().max());
      }
    }
    KeepsakeConfig.Notify notify = config.notifications();
    if (notify != null && notify.digest() != null) {
      KeepsakeConfig.Digest d = notify.digest();
      String[][] keys = {
        {"group-wait", d.groupWait()}, {"group-interval", d.groupInterval()}, {"repeat-interval", d.repeatInterval()},
        {"resolve-after", d.resolveAfter()}, {"stall-after", d.stallAfter()}};
      for (String[] kv : keys) {
        if (kv[1] != null) {
          Durations.parse("notify.digest." + kv[0], kv[1]);
        }
      }
    }
  }

  private static LayoutTemplate layout(String key, String text) throws ConfigException {
    try {
      return LayoutTemplate.parse(text == null ? LayoutTemplate.DEFAULT : text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  private static ZoneId zone(String key, String text) throws ConfigException {
    if (text == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new ConfigException(key + ": '" + text + "' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC");
    }
  }

  private static Path existingDirectory(String key, Path dir) throws ConfigException {
    if (!Files.exists(dir)) {
      throw new ConfigException(key + ": " + dir + " does not exist; check the path (is the disk mounted?)");
    }
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(key + ": " + dir + " is not a folder");
    }
    try {
      return dir.toRealPath(); // a symlinked root is followed once, here; links inside never are
    } catch (IOException e) {
      throw new ConfigException(key + ": " + dir + " cannot be resolved: " + e.getMessage());
    }
  }

  private static String nameFor(Path root) {
    Path name = root.getFileName();
    String text = name == null ? "source" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    return text.isEmpty() || !Character.isLetterOrDigit(text.charAt(0)) ? "source" + text : text;
  }

  private static String uniqueName(String name, Map<String, Source> taken) {
    String candidate = name;
    for (int i = 2; taken.containsKey(candidate); i++) {
      candidate = name + "-" + i;
    }
    return candidate;
  }
}
