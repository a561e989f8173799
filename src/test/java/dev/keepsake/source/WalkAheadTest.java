package dev.keepsake.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WalkAheadTest {
  @TempDir Path tmp;

  @Test
  void tellsWhatTheWalkTellsInTheSameOrderOnTheCallersThread() throws IOException {
    int count = WalkAhead.BATCH * (WalkAhead.BATCHES + 3) + 7; // more than the queue holds
    for (int i = 0; i < count; i++) {
      Path f = tmp.resolve("d" + (i % 13)).resolve("IMG_" + i + ".jpg");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "x");
    }
    Files.createSymbolicLink(tmp.resolve("d3/link.jpg"), tmp.resolve("d3/IMG_3.jpg"));
    Source source = Source.of("s", tmp);

    TellingSink plain = new TellingSink();
    SortedWalk.walk(source, plain);
    TellingSink ahead = new TellingSink();
    WalkAhead.walk(source, ahead);

    assertThat(ahead.told).hasSize(count + 1).isEqualTo(plain.told);
    assertThat(ahead.threads).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void aFailingSinkStopsTheWalkAndItsThread() throws Exception {
    for (int i = 0; i < WalkAhead.BATCH * (WalkAhead.BATCHES + 4); i++) {
      Files.writeString(tmp.resolve("IMG_" + i + ".jpg"), "x");
    }
    int[] seen = {0};
    SortedWalk.Sink failing = new TellingSink() {
      @Override
      public void file(SourceFile file) {
        if (++seen[0] == 3) {
          throw new IllegalStateException("ledger is gone");
        }
      }
    };

    assertThatThrownBy(() -> WalkAhead.walk(Source.of("s", tmp), failing)).hasMessage("ledger is gone");
    assertThat(seen[0]).isEqualTo(3);
    for (int i = 0; i < 100 && walkerAlive(); i++) {
      Thread.sleep(20);
    }
    assertThat(walkerAlive()).as("the walk's thread ended").isFalse();
  }

  @Test
  void aMissingRootIsTheWalksOwnError() {
    assertThatThrownBy(() -> WalkAhead.walk(Source.of("s", tmp.resolve("absent")), new TellingSink()))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static boolean walkerAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("keepsake-walk") && t.isAlive());
  }
}
