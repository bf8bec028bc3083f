package io.lambdaledger.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The files of an embedded H2 file database, kept private to the owner: the directory H2 would
 * create is created 0700, and the database, lock and trace files are made 0600 once open (the lock
 * file holds the key of an {@code AUTO_SERVER}). H2's own TCP listener, when a URL asks for {@code
 * AUTO_SERVER}, binds to the loopback interface only.
 */
final class H2Files {

  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  static {
    // H2 reads this once per JVM, when its classes first load: Database.open is the application's
    // first use of H2, so AUTO_SERVER listens on loopback unless the JVM got another
    // -Dh2.bindAddress.
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
  }

  private final Path base;

  private H2Files(Path base) {
    this.base = base;
  }

  /** The files behind an H2 file URL ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}). */
  static Optional<H2Files> of(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String path = url.substring("jdbc:h2:".length());
    int options = path.indexOf(';');
    path = options < 0 ? path : path.substring(0, options);
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    } else if (!(path.startsWith("/") || path.startsWith(".") || path.startsWith("~"))) {
      return Optional.empty(); // mem:, tcp:, ssl:, zip: and the like have no files of ours
    }
    if (path.startsWith("~")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Optional.of(new H2Files(Path.of(path).toAbsolutePath().normalize()));
  }

  Path base() {
    return base;
  }

  /** Creates the database's directory, owner-only, if it does not exist yet. */
  void createDirectory() {
    Path directory = base.getParent();
    if (directory == null || Files.isDirectory(directory)) {
      return;
    }
    try {
      if (isPosix()) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
      } else {
        Files.createDirectories(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  /** Makes the database's own files ({@code NAME.*}) readable and writable by the owner only. */
  void restrictToOwner() {
    Path directory = base.getParent();
    if (directory == null || !isPosix()) {
      return;
    }
    String prefix = base.getFileName() + ".";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path file : files) {
        if (Files.isRegularFile(file)) {
          Files.setPosixFilePermissions(file, OWNER_FILE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions of " + base + ".*", e);
    }
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
