package dev.keepsake.syncthing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The follower against a scripted fake Syncthing: restarts, gaps, bursts, folders it does not watch. */
@Timeout(60)
class EventFollowerTest {
  MockWebServer server;
  volatile String startTime = "2026-11-26T10:00:00Z";
  final ConcurrentLinkedQueue<String> eventBodies = new ConcurrentLinkedQueue<>();
  final List<String> finished = new ArrayList<>();
  final List<String> gaps = new ArrayList<>();
  final List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
  EventCursor saved;
  EventFollower follower;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        if (path.startsWith("/rest/system/status")) {
          return new MockResponse().setBody("{\"startTime\":\"" + startTime + "\"}");
        }
        if (path.startsWith("/rest/events")) {
          String body = eventBodies.poll();
          return new MockResponse().setBody(body == null ? "[]" : body);
        }
        return new MockResponse().setResponseCode(404);
      }
    });
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    SyncthingClient client = new SyncthingClient(server.url("/").toString(), "key");
    EventCursor.Store store = new EventCursor.Store() {
      @Override
      public EventCursor load() {
        return saved;
      }

      @Override
      public void save(EventCursor cursor) {
        saved = cursor;
      }
    };
    follower = new EventFollower(client, Set.of("phone-camera"), store, new EventFollower.Listener() {
      @Override
      public void fileFinished(SyncthingEvent event) {
        finished.add(event.item());
      }

      @Override
      public void gap(String why) {
        gaps.add(why);
      }

      @Override
      public void health(SyncthingException problem) {}
    }, Clock.systemUTC(), sleeps::add, 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static String finishedEvent(long id, String folder, String item) {
    return "{\"id\":" + id + ",\"type\":\"ItemFinished\",\"data\":{\"action\":\"update\",\"error\":null,"
        + "\"folder\":\"" + folder + "\",\"item\":\"" + item + "\",\"type\":\"file\"}}";
  }

  private static String events(String... events) {
    return "[" + String.join(",", events) + "]";
  }

  @Test
  void handsOnFinishedFilesOfWatchedFoldersAndSavesTheCursor() throws Exception {
    eventBodies.add(events(
        finishedEvent(1, "phone-camera", "DCIM/IMG_1.jpg"),
        finishedEvent(2, "other-folder", "x.jpg"),
        "{\"id\":3,\"type\":\"ItemFinished\",\"data\":{\"action\":\"delete\",\"error\":null,\"folder\":\"phone-camera\",\"item\":\"DCIM/IMG_0.jpg\",\"type\":\"file\"}}",
        "{\"id\":4,\"type\":\"ItemFinished\",\"data\":{\"action\":\"update\",\"error\":\"pull: connection closed\",\"folder\":\"phone-camera\",\"item\":\"DCIM/IMG_2.jpg\",\"type\":\"file\"}}",
        "{\"id\":5,\"type\":\"ItemFinished\",\"data\":{\"action\":\"update\",\"error\":null,\"folder\":\"phone-camera\",\"item\":\"DCIM\",\"type\":\"dir\"}}"));
    follower.step();
    assertThat(finished).containsExactly("DCIM/IMG_1.jpg");
    assertThat(gaps).containsExactly("first contact with Syncthing");
    assertThat(saved).isEqualTo(new EventCursor(5, startTime));
  }

  @Test
  void resumesFromTheSavedCursorWhenSyncthingDidNotRestart() throws Exception {
    saved = new EventCursor(41, startTime);
    eventBodies.add(events(finishedEvent(42, "phone-camera", "a.jpg")));
    follower.step();
    assertThat(gaps).isEmpty();
    assertThat(server.takeRequest().getPath()).startsWith("/rest/system/status");
    assertThat(server.takeRequest().getPath()).isEqualTo("/rest/events?since=41&timeout=0");
  }

  @Test
  void aSyncthingRestartWhileKeepsakeWasDownStartsFromZeroAndReconciles() throws Exception {
    saved = new EventCursor(5000, "2026-11-25T08:00:00Z");
    eventBodies.add(events(finishedEvent(1, "phone-camera", "a.jpg")));
    follower.step();
    assertThat(gaps).containsExactly("Syncthing restarted since Keepsake last saw it");
    assertThat(saved.since()).isEqualTo(1);
    assertThat(finished).containsExactly("a.jpg");
  }

  @Test
  void aRestartNoticedOnAQuietPollResetsTheCursor() throws Exception {
    eventBodies.add(events(finishedEvent(900, "phone-camera", "a.jpg")));
    follower.step();
    startTime = "2026-11-26T11:00:00Z"; // Syncthing restarted: ids start again at 1
    follower.step(); // no events: the follower checks the start time
    assertThat(gaps).hasSize(2).last().isEqualTo("Syncthing restarted");
    eventBodies.add(events(finishedEvent(1, "phone-camera", "b.jpg")));
    follower.step();
    assertThat(finished).containsExactly("a.jpg", "b.jpg");
  }

  @Test
  void idsGoingBackwardsMeanARestart() throws Exception {
    eventBodies.add(events(finishedEvent(900, "phone-camera", "a.jpg")));
    follower.step();
    eventBodies.add(events(finishedEvent(3, "phone-camera", "b.jpg")));
    startTime = "2026-11-26T12:00:00Z";
    follower.step();
    assertThat(gaps).last().isEqualTo("Syncthing restarted");
    assertThat(saved.since()).isZero();
  }

  @Test
  void aBurstBeyondTheBufferIsAGap() throws Exception {
    eventBodies.add(events(finishedEvent(10, "phone-camera", "first.jpg")));
    follower.step();
    List<String> burst = new ArrayList<>();
    for (long id = 1511; id <= 2510; id++) { // Syncthing kept only the newest 1000 of 2500
      burst.add(finishedEvent(id, "phone-camera", "burst/" + id + ".jpg"));
    }
    eventBodies.add(events(burst.toArray(String[]::new)));
    follower.step();
    assertThat(gaps).last().asString().contains("missed Syncthing events 11..1510");
    assertThat(finished).hasSize(1001);
    assertThat(saved.since()).isEqualTo(2510);
  }

  @Test
  void syncthingDownMeansBackoffNotACrash() throws Exception {
    server.shutdown();
    Thread runner = new Thread(follower);
    sleeps.clear();
    runner.start();
    while (sleeps.size() < 4) {
      Thread.onSpinWait();
    }
    follower.stop();
    runner.join(5000);
    assertThat(sleeps.get(1)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(sleeps.get(3)).isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThanOrEqualTo(Duration.ofSeconds(8));
  }

  /** An event whose data is a big blob (a ConfigSaved of a large config): read past, never held. */
  private static String bigEvent(long id, int bytes) {
    return "{\"id\":" + id + ",\"type\":\"ConfigSaved\",\"data\":{\"blob\":\"" + "x".repeat(bytes) + "\",\"n\":[1,2,{\"a\":[]}]}}";
  }

  @Test
  void anAnswerBeyondTheBoundIsCutIntoAGapAndFollowingGoesOnAfterIt() throws Exception {
    eventBodies.add(events(finishedEvent(1, "phone-camera", "a.jpg")));
    follower.step();
    // 3 events of 3 MiB each and a file after them: the answer passes the 8 MiB bound inside event 4
    eventBodies.add(events(finishedEvent(2, "phone-camera", "b.jpg"), bigEvent(3, 3 << 20), bigEvent(4, 3 << 20),
        bigEvent(5, 3 << 20), finishedEvent(6, "phone-camera", "c.jpg")));
    follower.step();
    assertThat(finished).containsExactly("a.jpg", "b.jpg");
    assertThat(gaps).last().asString().contains("cut");
    assertThat(saved.since()).isBetween(3L, 5L); // resumes after the event it was cut in: no answer repeats forever
    eventBodies.add(events(finishedEvent(7, "phone-camera", "d.jpg")));
    follower.step();
    assertThat(finished).containsExactly("a.jpg", "b.jpg", "d.jpg");
  }

  @Test
  void wrongTypesAreAMalformedAnswerThatBacksOffWithoutReconcilingAgainAndAgain() throws Exception {
    List<SyncthingException> health = new java.util.concurrent.CopyOnWriteArrayList<>();
    EventFollower strict = new EventFollower(new SyncthingClient(server.url("/").toString(), "key"), Set.of("phone-camera"),
        new EventCursor.Store() {
          @Override
          public EventCursor load() {
            return new EventCursor(10, startTime);
          }

          @Override
          public void save(EventCursor cursor) {}
        }, new EventFollower.Listener() {
          @Override
          public void fileFinished(SyncthingEvent event) {}

          @Override
          public void gap(String why) {
            gaps.add(why);
          }

          @Override
          public void health(SyncthingException problem) {
            if (problem != null) {
              health.add(problem);
            }
          }
        }, Clock.systemUTC(), sleeps::add, 0);
    for (String wrong : List.of("[{\"id\":\"11\",\"type\":\"ItemFinished\"}]", "{\"id\":11}", "[1,2,3]",
        "[{\"type\":\"ItemFinished\"}]", "[{\"id\":12,\"type\":\"A\"},{\"id\":11,\"type\":\"B\"}]", "[{\"id\":11,")) {
      eventBodies.add(wrong);
    }
    Thread runner = new Thread(strict);
    sleeps.clear();
    runner.start();
    while (sleeps.size() < 6) {
      Thread.onSpinWait();
    }
    strict.stop();
    runner.join(5000);
    assertThat(health).hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(e -> assertThat(e.kind()).isEqualTo(SyncthingException.Kind.MALFORMED));
    assertThat(health.get(0)).hasMessageContaining("malformed answer from /rest/events");
    assertThat(gaps).as("a malformed answer is not a restart: no reconcile of everything").isEmpty();
    assertThat(sleeps.get(5)).isGreaterThan(sleeps.get(0)); // backing off, not a hot loop
  }

  @Test
  void anythingThrownInARoundIsReportedAndRetriedTheThreadLivesOn() throws Exception {
    List<SyncthingException> health = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    EventFollower fragile = new EventFollower(new SyncthingClient(server.url("/").toString(), "key"), Set.of("phone-camera"),
        new EventCursor.Store() {
          @Override
          public EventCursor load() {
            if (calls.incrementAndGet() <= 2) {
              throw new OutOfMemoryError("simulated: the heap ran out in a round");
            }
            return null;
          }

          @Override
          public void save(EventCursor cursor) {}
        }, new EventFollower.Listener() {
          @Override
          public void fileFinished(SyncthingEvent event) {
            finished.add(event.item());
          }

          @Override
          public void gap(String why) {}

          @Override
          public void health(SyncthingException problem) {
            if (problem != null) {
              health.add(problem);
            }
          }
        }, Clock.systemUTC(), sleeps::add, 0);
    eventBodies.add(events(finishedEvent(1, "phone-camera", "after.jpg")));
    Thread runner = new Thread(fragile);
    runner.start();
    while (finished.isEmpty() && runner.isAlive()) {
      Thread.onSpinWait();
    }
    fragile.stop();
    runner.join(5000);
    assertThat(finished).containsExactly("after.jpg");
    assertThat(health).hasSize(2).allSatisfy(e -> assertThat(e).hasMessageContaining("OutOfMemoryError"));
  }
}
