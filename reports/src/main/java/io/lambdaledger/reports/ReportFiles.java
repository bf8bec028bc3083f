package io.lambdaledger.reports;

import io.lambdaledger.reports.ReportFile.Outcome;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a report file so that readers never see half a file and an unchanged report leaves the
 * file untouched (same bytes, same modification time).
 */
final class ReportFiles {

  /** Produces a file's content into a stream. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private ReportFiles() {}

  /**
   * Writes {@code content} to a temporary file next to {@code target}, then either discards it (the
   * target already holds the same bytes) or moves it over the target atomically.
   */
  static Outcome writeIfChanged(Path target, Content content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    // Not Files.createTempFile: its owner-only permissions would end up on the report; a plain
    // CREATE_NEW follows the process umask like any other file the service writes.
    Path temp = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      boolean existed = Files.exists(target);
      if (existed && Files.mismatch(temp, target) == -1L) {
        Files.delete(temp);
        return Outcome.UNCHANGED;
      }
      move(temp, target);
      return existed ? Outcome.REPLACED : Outcome.CREATED;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
