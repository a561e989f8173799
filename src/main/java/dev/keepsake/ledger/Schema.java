package dev.keepsake.ledger;

import java.util.List;

/**
 * The ledger's schema as a list of migrations: migration {@code i} takes {@code user_version} from
 * {@code i} to {@code i + 1}. Append, never edit: ledgers in the field were made by the old ones.
 */
final class Schema {
  private Schema() {}

  static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE source_files (
            source      TEXT    NOT NULL,
            path        TEXT    NOT NULL,
            size        INTEGER NOT NULL,
            mtime_ns    INTEGER NOT NULL,
            file_key    TEXT    NOT NULL,
            hash        TEXT,
            state       TEXT    NOT NULL,
            first_seen  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL,
            removed_at  INTEGER,
            PRIMARY KEY (source, path)
          );
          CREATE INDEX source_files_hash ON source_files(hash);
          CREATE TABLE contents (
            hash            TEXT    PRIMARY KEY,
            archive_path    TEXT    NOT NULL UNIQUE,
            bytes           INTEGER NOT NULL,
            media_type      TEXT    NOT NULL,
            capture_local   TEXT    NOT NULL,
            capture_instant INTEGER NOT NULL,
            capture_offset  TEXT,
            capture_origin  TEXT    NOT NULL,
            source          TEXT    NOT NULL,
            source_path     TEXT    NOT NULL,
            ingested_at     INTEGER NOT NULL
          );
          CREATE TABLE temp_dirs (
            dir TEXT PRIMARY KEY
          );
          """,
          """
          CREATE TABLE syncthing_cursors (
            instance    TEXT    PRIMARY KEY,
            since       INTEGER NOT NULL,
            start_time  TEXT    NOT NULL
          );
          """,
          """
          CREATE TABLE incidents (
            fingerprint TEXT    PRIMARY KEY,
            first_seen  INTEGER NOT NULL,
            last_seen   INTEGER NOT NULL,
            count       INTEGER NOT NULL,
            samples     TEXT    NOT NULL,
            message     TEXT    NOT NULL,
            announced   INTEGER NOT NULL
          );
          CREATE TABLE incident_log (
            fingerprint TEXT    NOT NULL,
            first_seen  INTEGER NOT NULL,
            last_seen   INTEGER NOT NULL,
            count       INTEGER NOT NULL,
            message     TEXT    NOT NULL,
            closed_at   INTEGER NOT NULL
          );
          CREATE TABLE notify_state (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
          );
          """,
          """
          CREATE TABLE syncthing_folders (
            folder_id TEXT    PRIMARY KEY,
            path      TEXT    NOT NULL,
            seen_at   INTEGER NOT NULL
          );
          """,
          """
          CREATE TABLE retries (
            source       TEXT    NOT NULL,
            path         TEXT    NOT NULL,
            kind         TEXT    NOT NULL,
            message      TEXT    NOT NULL,
            failures     INTEGER NOT NULL,
            first_failed INTEGER NOT NULL,
            last_failed  INTEGER NOT NULL,
            next_at      INTEGER NOT NULL,
            PRIMARY KEY (source, path)
          );
          CREATE INDEX retries_due ON retries(next_at);
          CREATE TABLE retry_log (
            source  TEXT    NOT NULL,
            path    TEXT    NOT NULL,
            kind    TEXT    NOT NULL,
            outcome TEXT    NOT NULL,
            at      INTEGER NOT NULL
          );
          CREATE INDEX retry_log_at ON retry_log(at);
          CREATE INDEX contents_source ON contents(source, ingested_at);
          ALTER TABLE incidents ADD COLUMN cleared_at INTEGER;
          ALTER TABLE incident_log ADD COLUMN closed_as TEXT NOT NULL DEFAULT 'resolved';
          """,
          """
          CREATE TABLE content_notes (
            hash          TEXT PRIMARY KEY,
            beaten_dates  TEXT,
            rescued_from  TEXT
          );
          CREATE TABLE forgotten (
            hash          TEXT    PRIMARY KEY,
            archive_path  TEXT    NOT NULL,
            forgotten_at  INTEGER NOT NULL
          );
          CREATE INDEX contents_ingested ON contents(ingested_at);
          CREATE TABLE outgoing (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            channel     TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            title       TEXT    NOT NULL,
            body        TEXT    NOT NULL,
            html        TEXT,
            png         BLOB,
            priority    TEXT    NOT NULL,
            tags        TEXT    NOT NULL,
            click       TEXT,
            json        TEXT
          );
          CREATE INDEX outgoing_channel ON outgoing(channel, seq);
          """,
          """
          ALTER TABLE contents ADD COLUMN capture_zone TEXT;
          ALTER TABLE contents ADD COLUMN capture_zone_why TEXT;
          """);

  static int currentVersion() {
    return MIGRATIONS.size();
  }
}
