package dev.keepsake.failure;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of trouble Keepsake reports, by the stable name that digests, {@code /api/status},
 * the {@code kind} label of {@code keepsake_failures_total}, the ledger's incidents and retry
 * schedule, and README use. Names are a contract: add kinds, never rename one.
 *
 * <p>{@link Scope} says what an incident of the kind is about, and so what ends it: files (each
 * waits on the retry schedule; over when all are archived), a condition of the service (over when
 * its check finds it clear), or a notice told once. {@link #loss()} marks files that are gone
 * before they could be archived: told once, plainly, never "resolved".
 */
public enum FailureKind {
  // one file
  PERMISSION_DENIED("permission-denied", Scope.FILE, "a source file the Keepsake user may not read"),
  VANISHED_BEFORE_COPY("vanished-before-copy", Scope.FILE, "a file deleted on the phone before it could be copied"),
  UNREADABLE("unreadable", Scope.FILE, "a source file or folder that cannot be read"),
  ARCHIVE_UNWRITABLE("archive-unwritable", Scope.FILE, "the archive (or a folder in it) cannot be written"),
  DISK_FULL("disk-full", Scope.FILE, "the archive's disk has no room for the file"),
  SOURCE_CHANGING("source-changing", Scope.FILE, "the file changed while it was copied"),
  IO_ERROR("io-error", Scope.FILE, "another read or write error"),
  INTERNAL_ERROR("internal-error", Scope.FILE, "a bug in Keepsake, for this file only"),
  ARCHIVE_LINK("archive-link", Scope.FILE, "a symbolic link stands where the archive copy would go"),
  LINK_ON_PATH("link-on-path", Scope.FILE, "the source file is reached through a symbolic link"),
  UNREPRESENTABLE_NAME("unrepresentable-name", Scope.FILE, "a file name that is not valid in the JVM's charset"),
  WAITING_FOR_PRIMARY("waiting-for-primary", Scope.FILE, "a sidecar whose photo or video is not archived yet"),
  // a condition of the service
  SYNCTHING_UNREACHABLE("syncthing-unreachable", Scope.CONDITION, "Syncthing does not answer (for 15 minutes)"),
  SYNCTHING_AUTH("syncthing-auth", Scope.CONDITION, "Syncthing refuses the API key or the Host header"),
  ARCHIVE_NOT_WRITABLE("archive-unwritable", Scope.CONDITION, "the archive root is missing or read-only"),
  INGEST_FAILING("ingest-failing", Scope.CONDITION, "whole passes keep failing"),
  SOURCE_PROBLEM("source-problem", Scope.CONDITION, "a source folder is missing or cannot be listed"),
  INGEST_STALLED("ingest-stalled", Scope.CONDITION, "a file has waited longer than stall-after"),
  SOURCE_SILENT("source-silent", Scope.CONDITION, "a phone sent nothing for far longer than usual"),
  // told once
  REFUSED_PATH("refused-path", Scope.NOTICE, "a hook or API path outside its source, refused"),
  ARCHIVE_MISSING("archive-missing", Scope.NOTICE, "verify found an archived file gone"),
  ARCHIVE_CORRUPT("archive-corrupt", Scope.NOTICE, "verify found an archived file changed");

  /** What an incident of a kind is about, and so what ends it. */
  public enum Scope { FILE, CONDITION, NOTICE }

  private static final Map<String, FailureKind> BY_FILE_NAME = Arrays.stream(values())
      .filter(k -> k.scope != Scope.CONDITION).collect(Collectors.toMap(FailureKind::id, Function.identity()));
  private static final Map<String, FailureKind> BY_CONDITION_NAME = Arrays.stream(values())
      .filter(k -> k.scope == Scope.CONDITION).collect(Collectors.toMap(FailureKind::id, Function.identity()));

  private final String id;
  private final Scope scope;
  private final String meaning;

  FailureKind(String id, Scope scope, String meaning) {
    this.id = id;
    this.scope = scope;
    this.meaning = meaning;
  }

  /** The stable name: {@code permission-denied}. */
  public String id() {
    return id;
  }

  public Scope scope() {
    return scope;
  }

  /** One line for people: what it means. */
  public String meaning() {
    return meaning;
  }

  /** Files that left the source before they could be archived. */
  public boolean loss() {
    return this == VANISHED_BEFORE_COPY;
  }

  /**
   * The kind named {@code id} as stored (an incident's fingerprint, a retry row). One name,
   * {@code archive-unwritable}, is both a file's failure and the condition of the whole archive;
   * {@code aboutFiles} tells which is meant (an incident with a path pattern is about files).
   */
  public static Optional<FailureKind> of(String id, boolean aboutFiles) {
    FailureKind first = (aboutFiles ? BY_FILE_NAME : BY_CONDITION_NAME).get(id);
    return Optional.ofNullable(first != null ? first : (aboutFiles ? BY_CONDITION_NAME : BY_FILE_NAME).get(id));
  }

  @Override
  public String toString() {
    return id;
  }
}
