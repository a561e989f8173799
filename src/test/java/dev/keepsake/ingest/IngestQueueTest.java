package dev.keepsake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class IngestQueueTest {
  @Test
  void duplicateSignalsForAPathCoalesce() throws Exception {
    IngestQueue queue = new IngestQueue(10);
    queue.offer("pixel", "DCIM/IMG_1.jpg");
    queue.offer("pixel", "DCIM/IMG_1.jpg");
    queue.offer("pixel", "DCIM/IMG_2.jpg");
    assertThat(queue.depth()).isEqualTo(2);
    IngestQueue.Batch batch = queue.take(Duration.ZERO);
    assertThat(batch.paths().get("pixel")).containsExactly("DCIM/IMG_1.jpg", "DCIM/IMG_2.jpg");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void whenFullASourcesPathsBecomeOneReconcileNothingIsLost() throws Exception {
    IngestQueue queue = new IngestQueue(3);
    for (int i = 0; i < 1000; i++) {
      queue.offer("pixel", "DCIM/IMG_" + i + ".jpg");
    }
    queue.offer("tablet", "a.jpg"); // pixel's paths were folded into its reconcile: room again
    IngestQueue.Batch batch = queue.take(Duration.ZERO);
    assertThat(batch.reconcile()).containsExactly("pixel");
    assertThat(batch.paths()).containsOnlyKeys("tablet");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void takeWaitsForWorkAndCloseWakesIt() throws Exception {
    IngestQueue queue = new IngestQueue(10);
    java.util.concurrent.atomic.AtomicReference<IngestQueue.Batch> got = new java.util.concurrent.atomic.AtomicReference<>();
    Thread taker = new Thread(() -> {
      try {
        got.set(queue.take(Duration.ofSeconds(10)));
      } catch (InterruptedException ignored) {
        // the test fails on the empty result
      }
    });
    taker.start();
    dev.keepsake.testing.SyncthingPair.waitUntil(Duration.ofSeconds(10), "take waits for work",
        () -> taker.getState() == Thread.State.TIMED_WAITING);
    queue.reconcile("pixel");
    taker.join(10_000);
    assertThat(got.get().reconcile()).containsExactly("pixel");
    queue.close();
    assertThat(queue.take(Duration.ofSeconds(10)).isEmpty()).isTrue();
    queue.offer("pixel", "x");
    assertThat(queue.depth()).isZero();
  }
}
