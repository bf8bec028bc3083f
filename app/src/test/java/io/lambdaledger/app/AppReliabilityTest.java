package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.ReliabilityLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability suite, bad input to the command line: malformed configuration files are refused with
 * exit code 2 and one line naming the key, and a database that does not answer (a closed port, or a
 * port that accepts connections and never says a word) is one line and exit code 1 within a bounded
 * time, not a hang. Each scenario appends a row to {@code target/reliability/rows.tsv}.
 */
class AppReliabilityTest {

  /** Longest a command may take to give up on a database that does not answer. */
  static final long BOUND_MS = 30_000;

  @TempDir Path dir;

  /** A malformed configuration and what its one-line message must name. */
  record BadConfig(String yaml, String names) {}

  static final List<BadConfig> BAD_CONFIGS =
      List.of(
          new BadConfig("databse:\n  url: jdbc:h2:mem:x\n", "databse"),
          new BadConfig("server:\n  port: eighty\n", "server.port"),
          new BadConfig("server:\n  prot: 8080\n", "prot"),
          new BadConfig("collector:\n  interval: 5 parsecs\n", "collector.interval"),
          new BadConfig("collector:\n  period: [1, 2]\n", "collector.period"),
          new BadConfig("server: [unclosed\n", "config"),
          new BadConfig("aws:\n  regions: 42\n  accounts: {id: 1}\n", "aws"),
          new BadConfig("- just\n- a list\n", "mapping"));

  @Test
  void malformedConfigurationIsExitCodeTwoWithOneLineNamingTheKey() throws IOException {
    long started = System.nanoTime();
    List<String> wrong = new ArrayList<>();
    int tried = 0;
    for (BadConfig bad : BAD_CONFIGS) {
      Path file = dir.resolve("config-" + tried / 2 + ".yaml");
      Files.writeString(file, bad.yaml());
      for (String command : List.of("migrate", "serve")) {
        tried++;
        CommandRun run = MigrateCommandTest.run(Map.of(), "--config", file.toString(), command);
        String err = run.err().strip();
        boolean ok =
            run.exitCode() == Main.EXIT_USAGE
                && err.lines().count() == 1
                && err.startsWith("lambda-ledger: config")
                && err.contains(bad.names())
                && !err.contains("Exception");
        if (!ok) {
          wrong.add(
              command
                  + " "
                  + bad.yaml().replace("\n", "\\n")
                  + " -> "
                  + run.exitCode()
                  + " "
                  + err);
        }
      }
    }
    logAndAssertNoneWrong(
        "app: malformed configuration",
        BAD_CONFIGS.size()
            + " bad files (unknown keys, wrong types, bad duration, broken YAML, not a mapping)"
            + " given to migrate and serve; expected exit code 2 and one line naming the key",
        tried,
        wrong,
        started);
  }

  @Test
  void aDatabaseThatDoesNotAnswerIsOneLineAndExitCodeOneWithinABoundedTime() throws IOException {
    long started = System.nanoTime();
    List<String> wrong = new ArrayList<>();
    long slowest = 0;
    int tried = 0;
    // a port that accepts TCP connections (the kernel completes the handshake) and never answers
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<String> urls =
          List.of(
              "jdbc:postgresql://127.0.0.1:1/ledger",
              "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/ledger");
      for (String url : urls) {
        for (String command : List.of("migrate", "serve")) {
          tried++;
          long t0 = System.nanoTime();
          String[] args =
              command.equals("serve")
                  ? new String[] {command, "--port", "0"}
                  : new String[] {command};
          CommandRun run =
              MigrateCommandTest.run(
                  Map.of(
                      "LEDGER_DB_URL",
                      url,
                      "LEDGER_DB_PASSWORD",
                      "hunter2",
                      "LEDGER_REGIONS",
                      "us-east-1"),
                  args);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          slowest = Math.max(slowest, ms);
          String err = run.err().strip();
          String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
          boolean ok =
              run.exitCode() == Main.EXIT_FAILURE
                  && err.lines().count() == 1
                  && err.contains(hostPort)
                  && !err.contains("hunter2")
                  && ms < BOUND_MS;
          if (!ok) {
            wrong.add(command + " " + url + " -> " + run.exitCode() + " in " + ms + " ms: " + err);
          }
        }
      }
    }
    logAndAssertNoneWrong(
        "app: database URL that does not answer",
        "migrate and serve against a closed port and a port that accepts and never answers;"
            + " expected one line, exit code 1, within 30 s (slowest "
            + slowest / 1000
            + " s)",
        tried,
        wrong,
        started);
  }

  @Test
  void serveThatCannotIdentifyItsAwsAccountIsOneLineAndExitCodeOne() {
    // STS cannot be asked (no endpoint answers and, in this in-process run, no credentials)
    long t0 = System.nanoTime();
    CommandRun run =
        MigrateCommandTest.run(
            Map.of(
                "LEDGER_DB_URL", "jdbc:h2:file:" + dir.resolve("ledger"),
                "LEDGER_REGIONS", "us-east-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDRELIABILITY",
                "AWS_SECRET_ACCESS_KEY", "not-a-secret"),
            "serve",
            "--port",
            "0");
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("cannot identify the account").doesNotContain("\tat ");
    assertThat(ms).isLessThan(BOUND_MS);
  }

  /** Records the runs in the reliability log (one try each), then fails if any went wrong. */
  private static void logAndAssertNoneWrong(
      String name, String description, int tried, List<String> wrong, long started) {
    ReliabilityLog.append(
        new ReliabilityLog.Row(
            name,
            1,
            description,
            tried,
            tried,
            "runs",
            wrong.size(),
            0,
            wrong.isEmpty(),
            ReliabilityLog.secondsSince(started)));
    assertThat(wrong).isEmpty();
  }
}
