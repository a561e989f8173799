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
    Thread producer = new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException ignored) {
        return;
      }
      queue.reconcile("pixel");
    });
    producer.start();
    assertThat(queue.take(Duration.ofSeconds(10)).reconcile()).containsExactly("pixel");
    queue.close();
    assertThat(queue.take(Duration.ofSeconds(10)).isEmpty()).isTrue();
    queue.offer("pixel", "x");
    assertThat(queue.depth()).isZero();
  }
}
