package io.lambdaledger.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 file database: owner-only files, and no network listener unless asked for. */
class H2FilesTest {

  @TempDir Path dir;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static Properties lockFile(Path base) throws IOException {
    Properties lock = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(base + ".lock.db"))) {
      lock.load(in);
    }
    return lock;
  }

  @Test
  void theDefaultFileDatabaseListensOnNoPortAndIsReadableByItsOwnerOnly() throws IOException {
    Path base = dir.resolve("data/lambda-ledger");

    try (Database database = Database.open(DatabaseSettings.h2File(base))) {
      assertThat(database.isReachable()).isTrue();
      assertThat(permissions(dir.resolve("data"))).isEqualTo("rwx------");
      assertThat(permissions(Path.of(base + ".mv.db"))).isEqualTo("rw-------");
      // Without AUTO_SERVER, H2 locks the database file itself: no lock file with a server in it.
      assertThat(Path.of(base + ".lock.db")).doesNotExist();
    }
  }

  /**
   * Opens a database in a JVM of its own, as {@code serve} does: H2 reads its bind address once per
   * JVM, and in this test JVM another test may have started H2 first.
   */
  public static final class OpenInOwnJvm {
    public static void main(String[] args) throws IOException {
      try (Database database = Database.open(new DatabaseSettings(args[0], null, null))) {
        System.out.println("open " + database.isReachable());
        System.out.flush();
        System.in.read();
      }
    }
  }

  @Test
  void anAutoServerAskedForInTheUrlListensOnLoopbackOnly() throws Exception {
    Path base = dir.resolve("shared/lambda-ledger");
    String url = "jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE";
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                javaCommand,
                "-cp",
                System.getProperty("java.class.path"),
                OpenInOwnJvm.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    try (var out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("open "));
      assertThat(line).as("the database opened in its own JVM").isEqualTo("open true");

      String server = lockFile(base).getProperty("server");
      int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
      assertThat(permissions(Path.of(base + ".lock.db"))).isEqualTo("rw-------");
      assertThat(accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
      for (InetAddress address : nonLoopbackAddresses()) {
        assertThat(accepts(address, port)).as("listening on " + address).isFalse();
      }
    } finally {
      process.getOutputStream().close();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            addresses.add(address);
          }
        }
      }
    }
    return addresses;
  }

  @Test
  void aDatabaseInAnExistingDirectoryLeavesThatDirectoryAlone() throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path base = dir.resolve("ledger");

    try (Database database = Database.open(DatabaseSettings.h2File(base))) {
      assertThat(database.isReachable()).isTrue();
      assertThat(permissions(dir)).isEqualTo("rwxr-xr-x");
      assertThat(permissions(Path.of(base + ".mv.db"))).isEqualTo("rw-------");
    }
  }
}
