package dev.keepsake.syncthing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one Syncthing's event stream and turns it into "this file is complete" and "events may
 * have been missed" signals. Survives Syncthing restarts (ids start again at 1: detected by its start
 * time), falling behind (more than the 1000 buffered events: detected by a jump in ids), Syncthing
 * being down (backoff with jitter) and a rejected key (a rate-limited log line, no crash loop).
 */
public final class EventFollower implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EventFollower.class);
  private static final Duration COMPLAIN_EVERY = Duration.ofMinutes(10);

  /** What the follower reports. Called on the follower's thread. */
  public interface Listener {
    /** {@code event.item()} of folder {@code event.folder()} is complete on the NAS. */
    void fileFinished(SyncthingEvent event);

    /** Events may have been missed: everything must be looked at again. */
    void gap(String why);

    /** Syncthing answered (problem null) or did not (problem says why). */
    void health(SyncthingException problem);
  }

  /** How the follower waits; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final SyncthingClient client;
  private final Set<String> folders;
  private final EventCursor.Store store;
  private final Listener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int pollSeconds;
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random());
  private volatile boolean stopped;
  private String startTime;
  private long since;
  private Instant lastComplaint;

  /** @param folders the folder ids to follow; a concurrent set the caller may add to while it runs */
  public EventFollower(SyncthingClient client, Set<String> folders, EventCursor.Store store, Listener listener,
      Clock clock, Sleeper sleeper, int pollSeconds) {
    this.client = client;
    this.folders = folders; // may be a live view: folders whose path is learned later join in
    this.store = store;
    this.listener = listener;
    this.clock = clock;
    this.sleeper = sleeper;
    this.pollSeconds = pollSeconds;
  }

  /**
   * Follows until {@link #stop}. Nothing ends it early: a failed or malformed answer, and anything
   * else that goes wrong in a round (any {@code Throwable}), is reported as unhealthy and retried
   * after a backoff.
   */
  @Override
  public void run() {
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      try {
        step();
        backoff.reset();
      } catch (Throwable t) {
        if (stopped) {
          return;
        }
        SyncthingException e = t instanceof SyncthingException s ? s
            : new SyncthingException(SyncthingException.Kind.MALFORMED, "following events failed: " + t, t);
        startTime = null; // whatever happened, check for a restart when it answers again
        try {
          listener.health(e);
        } catch (RuntimeException listenerTrouble) {
          log.warn("Syncthing health listener failed: {}", listenerTrouble.toString());
        }
        complain(e);
        try {
          sleeper.sleep(backoff.next());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops following: the poll in flight is cancelled and nothing more is saved. */
  public void stop() {
    stopped = true;
    client.cancelCalls();
  }

  /** One round: (re)connect if needed, one long-poll, its events handed on, the cursor saved. */
  void step() throws SyncthingException {
    if (startTime == null) {
      connect();
    }
    SyncthingClient.EventPage page = client.events(since, pollSeconds);
    List<SyncthingEvent> events = page.events();
    listener.health(null);
    if (page.cut() != null) {
      cut(page);
      return;
    }
    if (events.isEmpty()) {
      String now = client.startTime(); // a quiet minute: cheap check that Syncthing did not restart
      if (!now.equals(startTime)) {
        restarted(now);
      }
      return;
    }
    long first = events.get(0).id();
    if (since > 0 && first > since + 1) {
      listener.gap("missed Syncthing events " + (since + 1) + ".." + (first - 1) + " (more than it buffers arrived at once)");
    } else if (first <= since) {
      restarted(client.startTime()); // ids went backwards: a restart between two polls
      return;
    }
    for (SyncthingEvent event : events) {
      if (event.isFileFinished() && folders.contains(event.folder())) {
        listener.fileFinished(event);
      }
    }
    since = events.get(events.size() - 1).id();
    if (!stopped) {
      store.save(new EventCursor(since, startTime));
    }
  }

  /** An answer too large to read whole: hand on what was read, skip to where it was cut, look at everything. */
  private void cut(SyncthingClient.EventPage page) throws SyncthingException {
    for (SyncthingEvent event : page.events()) {
      if (event.isFileFinished() && folders.contains(event.folder())) {
        listener.fileFinished(event);
      }
    }
    listener.gap("Syncthing's events answer was cut (" + page.cut() + "): events may have been missed");
    if (page.resumeAfter() <= since) {
      throw SyncthingClient.malformed("/rest/events", "an answer too large to make progress (" + page.cut() + ")");
    }
    since = page.resumeAfter();
    if (!stopped) {
      store.save(new EventCursor(since, startTime));
    }
  }

  private void connect() throws SyncthingException {
    String now = client.startTime();
    EventCursor saved = store.load();
    if (saved != null && saved.startTime().equals(now)) {
      since = saved.since();
    } else {
      since = 0;
      listener.gap(saved == null ? "first contact with Syncthing" : "Syncthing restarted since Keepsake last saw it");
    }
    startTime = now;
    listener.health(null);
    log.info("following Syncthing events at {} from event {}", client.baseUrl(), since);
  }

  private void restarted(String newStartTime) {
    log.info("Syncthing at {} restarted: its event ids start again; looking at every folder again", client.baseUrl());
    startTime = newStartTime;
    since = 0;
    store.save(new EventCursor(0, newStartTime));
    listener.gap("Syncthing restarted");
  }

  private void complain(SyncthingException e) {
    Instant now = clock.instant();
    if (lastComplaint == null || Duration.between(lastComplaint, now).compareTo(COMPLAIN_EVERY) >= 0) {
      log.warn("Syncthing: {}", e.getMessage());
      lastComplaint = now;
    }
  }
}
