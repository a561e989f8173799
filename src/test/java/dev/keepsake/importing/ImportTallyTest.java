package dev.keepsake.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.ingest.FileOutcome;
import dev.keepsake.ingest.IngestListener;
import dev.keepsake.source.SourceFile;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the console hears of an import: one plan for the whole, progress for files done by an earlier run too. */
@Timeout(10)
class ImportTallyTest {
  private final List<String> heard = new ArrayList<>();
  private final IngestListener console = new IngestListener() {
    @Override
    public void planned(int files, long bytes) {
      heard.add("planned " + files + " " + bytes);
    }

    @Override
    public void alreadyDone(long files, long bytes) {
      heard.add("done " + files + " " + bytes);
    }

    @Override
    public void outcome(FileOutcome outcome) {
      heard.add(outcome.kind() + " " + outcome.file().size());
    }
  };

  private static SourceFile file(long size) {
    return new SourceFile(Importer.source("import"), "x/IMG_" + size + ".jpg", size, FileTime.fromMillis(0), "", null);
  }

  @Test
  void theImportsPlanStandsAndQuietFilesAreToldDone() {
    ImportTally tally = new ImportTally(console, Pacer.NONE, false);
    tally.plan(10, 1000);
    tally.planned(3, 300); // a pass's own plan: the import's stands
    tally.sliceStarted();
    tally.outcome(new FileOutcome(FileOutcome.Kind.FAILED, file(100), null, 0, null,
        dev.keepsake.failure.FailureKind.IO_ERROR, "disk said no"));
    tally.sliceEnded(3, 300); // two files the pass said nothing of: an earlier run did them
    tally.entryDoneBefore(400);
    assertThat(heard).containsExactly("planned 10 1000", "FAILED 100", "done 2 200", "done 1 400");
    assertThat(tally.failed()).isEqualTo(1);
    assertThat(tally.summary()).first().asString().contains("imported by an earlier run 1").contains("failed 1");
    assertThat(tally.summary()).anyMatch(l -> l.contains("/x/IMG_100.jpg: disk said no"));
  }
}
