package dev.keepsake.source;

import dev.keepsake.fs.FileNameEncoding;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One walk over a source: the files that count, the ones passed over, and the directories or files
 * that could not be read. Symbolic links are never followed and never listed as files: a link could
 * lead out of the source, and the archive keeps bytes, not links.
 *
 * @param files regular files that pass the filter, in walk order
 * @param passedOver files that exist but do not count (excluded by a glob, symlinks, devices)
 * @param problems what could not be read, each naming the path and the fix
 * @param unrepresentable files and folders whose names cannot be turned into text and back (not valid
 *     UTF-8, or a JVM without a UTF-8 locale), as Java shows them: each fails on its own
 */
public record SourceScan(List<SourceFile> files, List<PassedOver> passedOver, List<String> problems,
    List<String> unrepresentable) {

  /** A file that exists but does not count, and why. */
  public record PassedOver(String relative, String reason) {}

  /**
   * Walks {@code source}. Fails only when the root itself is missing; every other problem is listed
   * and the walk goes on.
   */
  public static SourceScan of(Source source) throws IOException {
    if (!Files.isDirectory(source.root())) {
      throw new NoSuchFileException(source.root().toString(), null, "source folder does not exist or is not a directory");
    }
    List<SourceFile> files = new ArrayList<>();
    List<PassedOver> passedOver = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> unrepresentable = new ArrayList<>();
    Path root = source.root();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root) && PathFilter.isIgnoredDirectory(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (!dir.equals(root) && !FileNameEncoding.representable(dir)) {
          unrepresentable.add(relative(root, dir) + "/");
          return FileVisitResult.SKIP_SUBTREE; // nothing below it can be opened by name
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        if (PathFilter.isIgnoredFile(name)) {
          return FileVisitResult.CONTINUE;
        }
        String relative = relative(root, file);
        if (!FileNameEncoding.representable(file)) {
          unrepresentable.add(relative);
          return FileVisitResult.CONTINUE;
        }
        if (!attrs.isRegularFile()) {
          passedOver.add(new PassedOver(relative, attrs.isSymbolicLink() ? "symbolic link, not followed" : "not a regular file"));
        } else if (!source.filter().accepts(relative)) {
          passedOver.add(new PassedOver(relative, "excluded by include/exclude"));
        } else {
          files.add(SourceFile.of(source, relative, attrs));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // deleted while we walked: nothing to archive
        }
        String what = relative(root, file);
        problems.add(e instanceof AccessDeniedException
            ? what + ": permission denied (give the Keepsake user read access to it)"
            : what + ": cannot read (" + e.getMessage() + ")");
        return FileVisitResult.CONTINUE;
      }
    });
    return new SourceScan(files, passedOver, problems, unrepresentable);
  }

  static String relative(Path root, Path file) {
    String rootText = root.toString();
    String fileText = file.toString();
    if (fileText.length() > rootText.length() + 1 && fileText.startsWith(rootText)
        && fileText.charAt(rootText.length()) == '/' && root.getFileSystem().getSeparator().equals("/")) {
      return fileText.substring(rootText.length() + 1); // what the walk gives: root + "/" + the rest
    }
    Path rel = root.relativize(file);
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }
}
