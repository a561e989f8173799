package dev.keepsake.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes down what a walk tells, in order, one line an entry (a file's line with what its row is
 * compared by: size, mtime, file key); the files and the threads that told them are kept too.
 */
class TellingSink implements SortedWalk.Sink {
  final List<String> told = new ArrayList<>();
  final List<SourceFile> files = new ArrayList<>();
  final List<String> passed = new ArrayList<>();
  final List<String> threads = new ArrayList<>();

  @Override
  public void file(SourceFile file) throws IOException {
    told.add("file " + file.relative() + " " + file.size() + " " + file.mtime() + " " + file.fileKey());
    files.add(file);
    threads.add(Thread.currentThread().getName());
    afterFile(file);
  }

  /** Called once a file is written down: a test may change the tree here, mid-walk. */
  void afterFile(SourceFile file) throws IOException {}

  @Override
  public void passedOver(String relative, String reason) {
    told.add("passed " + relative + ": " + reason);
    passed.add(relative + ": " + reason);
  }

  @Override
  public void unrepresentable(String shown) {
    told.add("unrepresentable " + shown);
  }

  @Override
  public void unreadable(String relative, String problem) {
    told.add("unreadable " + relative + ": " + problem);
  }
}
