package dev.keepsake.archive;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Walks the archived files of an archive: regular files, not Keepsake's state (.keepsake/) nor its temp files. */
public final class ArchiveFiles {
  /** Told each archived file: its path below the root ({@code /}-separated), the path, its attributes. */
  @FunctionalInterface
  public interface Visitor {
    void visit(String relative, Path file, BasicFileAttributes attrs);
  }

  private ArchiveFiles() {}

  public static void walk(Path root, Visitor visitor) throws IOException {
    Path state = root.resolve(ArchiveRoot.STATE_DIR);
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.equals(state) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(WriteOnceCopier.TEMP_PREFIX)) {
          visitor.visit(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"), file, attrs);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
