package dev.keepsake.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages a channel still has to deliver, each channel its own queue: queued in the same
 * transaction that records the digest as decided, removed once its channel took it. A channel that
 * is down keeps its messages (tried again every tick, in order) without holding back the others,
 * and none is lost or sent twice by a restart.
 */
public final class Outgoing {
  /** One queued message (the fields of a push, and a mail's HTML and chart). */
  public record Message(long seq, String channel, Instant createdAt, String title, String body, String html, byte[] png,
      String priority, List<String> tags, String click, String json) {
    public Message withChannel(String other) {
      return new Message(0, other, createdAt, title, body, html, png, priority, tags, click, json);
    }
  }

  private final Ledger ledger;
  private final Clock clock;

  Outgoing(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The oldest {@code limit} messages waiting for {@code channel}, in order. */
  public List<Message> pending(String channel, int limit) {
    return ledger.read("read the queue of " + channel, db -> {
      List<Message> out = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("SELECT seq, channel, created_at, title, body, html, png, priority,"
          + " tags, click, json FROM outgoing WHERE channel = ? ORDER BY seq LIMIT ?")) {
        ps.setString(1, channel);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String tags = rs.getString(9);
            out.add(new Message(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getString(8),
                tags.isEmpty() ? List.of() : List.of(tags.split(",")), rs.getString(10), rs.getString(11)));
          }
        }
      }
      return out;
    });
  }

  /** Its channel took it. */
  public void delivered(long seq) {
    ledger.write("deliver queued message " + seq, db -> {
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM outgoing WHERE seq = ?")) {
        ps.setLong(1, seq);
        ps.executeUpdate();
      }
    });
  }

  /** Messages waiting for {@code channel}. */
  public int waiting(String channel) {
    return ledger.read("count the queue of " + channel, db -> {
      try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM outgoing WHERE channel = ?")) {
        ps.setString(1, channel);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
  }

  /** Queues {@code messages} inside a transaction of this package (see {@link Incidents#digestSent}). */
  static void queue(java.sql.Connection db, List<Message> messages, Clock clock) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO outgoing (channel, created_at, title, body, html, png,"
        + " priority, tags, click, json) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      for (Message m : messages) {
        ps.setString(1, m.channel());
        ps.setLong(2, (m.createdAt() == null ? clock.instant() : m.createdAt()).toEpochMilli());
        ps.setString(3, m.title());
        ps.setString(4, m.body());
        ps.setString(5, m.html());
        ps.setBytes(6, m.png());
        ps.setString(7, m.priority());
        ps.setString(8, String.join(",", m.tags()));
        ps.setString(9, m.click());
        ps.setString(10, m.json());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Queues {@code messages} in a transaction of their own (the weekly summary). */
  public void queue(List<Message> messages) {
    ledger.write("queue " + messages.size() + " message(s)", db -> queue(db, messages, clock));
  }
}
