package dev.keepsake.syncthing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code /rest/events} answer token by token: of each event only {@code id}, {@code type},
 * {@code time} and the {@code data} fields {@code folder}, {@code item}, {@code type}, {@code action},
 * {@code error} are kept, every other value is skipped unread into memory — so a huge
 * {@code ConfigSaved} or index event costs time, never heap. Strict about types where Keepsake
 * depends on them: an answer that is not an array of objects with integral, rising ids is malformed.
 */
final class EventStream {
  private static final JsonFactory JSON = new JsonFactory();

  /** The answer went on past {@link SyncthingClient#MAX_EVENTS_BYTES}: what came before is still used. */
  static final class Cut extends IOException {
    Cut() {
      super("answer cut after " + (SyncthingClient.MAX_EVENTS_BYTES >> 20) + " MiB");
    }
  }

  private EventStream() {}

  static SyncthingClient.EventPage read(InputStream in, int maxEvents, String path) throws IOException {
    List<SyncthingEvent> events = new ArrayList<>();
    long current = 0; // the id of the event being read, once seen
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw SyncthingClient.malformed(path, "not a JSON array");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw SyncthingClient.malformed(path, "an event that is not an object");
        }
        if (events.size() >= maxEvents) {
          long last = events.get(events.size() - 1).id();
          return new SyncthingClient.EventPage(events, "more than " + maxEvents + " events in one answer", last);
        }
        Fields f = new Fields();
        readEvent(p, f, path);
        current = f.id;
        if (f.id <= 0 || f.type == null) {
          throw SyncthingClient.malformed(path, "an event without a positive integer id and a type string");
        }
        if (!events.isEmpty() && f.id <= events.get(events.size() - 1).id()) {
          throw SyncthingClient.malformed(path, "event ids that do not rise (" + f.id + " after "
              + events.get(events.size() - 1).id() + ")");
        }
        events.add(new SyncthingEvent(f.id, f.type, f.folder, f.item, f.itemType, f.action, f.error, f.time));
      }
      return new SyncthingClient.EventPage(events, null, events.isEmpty() ? 0 : events.get(events.size() - 1).id());
    } catch (Cut cut) {
      long resume = events.isEmpty() ? current : Math.max(current, events.get(events.size() - 1).id());
      return new SyncthingClient.EventPage(events, cut.getMessage(), resume);
    } catch (JsonParseException broken) {
      throw SyncthingClient.malformed(path, "not JSON (" + broken.getOriginalMessage() + ")");
    }
  }

  private static final class Fields {
    long id;
    String type;
    Instant time;
    String folder;
    String item;
    String itemType;
    String action;
    String error;
  }

  private static void readEvent(JsonParser p, Fields f, String path) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "id" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            throw SyncthingClient.malformed(path, "an event id that is not an integer");
          }
          f.id = p.getLongValue();
        }
        case "type" -> f.type = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case "time" -> f.time = value == JsonToken.VALUE_STRING ? instant(p.getText()) : null;
        case "data" -> {
          if (value == JsonToken.START_OBJECT) {
            readData(p, f);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static void readData(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
      switch (name) {
        case "folder" -> f.folder = text;
        case "item" -> f.item = text;
        case "type" -> f.itemType = text;
        case "action" -> f.action = text;
        case "error" -> f.error = text;
        default -> { }
      }
      p.skipChildren(); // an object or array here is not used (and not kept)
    }
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
