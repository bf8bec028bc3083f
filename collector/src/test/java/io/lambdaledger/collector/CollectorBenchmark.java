package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.Database;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collector benchmark (not a timed test; excluded from the normal build): a standalone
 * simulator JVM, PostgreSQL, the inventory loaded first, then one cycle (1-hour window, 5-minute
 * period, production rate limits) in a collector JVM limited to 512 MB of heap. Sizes are total
 * functions; about two thirds are recently active. {@code -Dbenchmark.activeFunctions=10000,50000}
 * gives active counts instead: each becomes a total of {@code active / }{@value #ACTIVE_SHARE}
 * (rounded up to a hundred), so the measured active count (in the row) is at least that. Run with:
 *
 * <pre>
 * LEDGER_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres \
 * ./mvnw -pl collector -am test -Dcollector.excludedGroups= -Dgroups=benchmark \
 *   -Dtest=CollectorBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   [-Dbenchmark.functions=14700,73500 | -Dbenchmark.activeFunctions=10000,50000]
 *   [-Dbenchmark.jfr=/tmp/cycle.jfr]
 * </pre>
 *
 * Results are printed and appended to {@code collector/target/collector-benchmark.md}.
 */
@Tag("benchmark")
class CollectorBenchmark {

  /**
   * Lower bound of the share of functions the 1-hour cycle finds active (seed 1: 35 % of the estate
   * is idle and a few quiet functions have no datapoint in the window; measured 63.5–63.7 % at
   * 14,700 and 73,500 functions).
   */
  static final double ACTIVE_SHARE = 0.62;

  @Test
  void oneCycleAtTenThousandAndFiftyThousandActiveFunctions() throws Exception {
    String active = System.getProperty("benchmark.activeFunctions");
    String sizes = System.getProperty("benchmark.functions", "14700,73500");
    List<String> rows = new ArrayList<>();
    for (String size : (active != null ? active : sizes).split(",")) {
      int n = Integer.parseInt(size.trim());
      int total = active != null ? totalForActive(n) : n;
      if (active != null) {
        System.out.printf("%,d active functions wanted: %,d functions in total%n", n, total);
      }
      rows.add(run(total));
    }
    Path out = Path.of("target", "collector-benchmark.md");
    Files.writeString(
        out, String.join("\n", rows) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    rows.forEach(System.out::println);
  }

  /** Total functions whose active share is at least {@code active}, rounded up to a hundred. */
  static int totalForActive(int active) {
    int total = (int) Math.ceil(active / ACTIVE_SHARE);
    return (total + 99) / 100 * 100;
  }

  private String run(int functions) throws Exception {
    Instant start =
        Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    Process simulator =
        java(
            "-Xmx2g",
            SimulatorProcessMain.class,
            Integer.toString(functions),
            "1",
            start.toString());
    try (TestDatabase db = TestDatabases.postgres()) {
      URI endpoint = URI.create(firstLine(simulator, "endpoint ").substring("endpoint ".length()));
      long inventoryMillis = loadInventory(db.database(), endpoint);
      Process cycle =
          java("-Xmx512m", CycleProcessMain.class, endpoint.toString(), db.settings().url());
      String result = firstLine(cycle, "result ");
      assertThat(cycle.waitFor(10, TimeUnit.MINUTES)).isTrue();
      long[] n =
          Arrays.stream(result.substring("result ".length()).split(" "))
              .limit(7)
              .mapToLong(Long::parseLong)
              .toArray();
      long wallMillis = n[0];
      long naiveCalls = 6L * functions;
      return String.format(
          "| %,d | %,d | %.1f s | %,d | %,d | %,d | %,d | %,.0f | %d MB | %.0f s | %,d |",
          functions,
          n[5],
          wallMillis / 1000.0,
          n[1],
          n[2],
          n[3],
          n[4],
          n[4] * 1000.0 / wallMillis,
          n[6],
          inventoryMillis / 1000.0,
          naiveCalls);
    } finally {
      simulator.getOutputStream().close();
      simulator.destroy();
      simulator.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The inventory (ListFunctions, tags, provisioned concurrency) before the timed cycle. */
  private static long loadInventory(Database database, URI endpoint) {
    long started = System.nanoTime();
    try (AwsClientFactory clients =
            CollectorHarness.simulatorClients(
                endpoint, "AKIDLEDGERBENCH", RetrySettings.defaults(), 64);
        Collector collector =
            new Collector(
                database,
                clients,
                CollectorHarness.defaultTarget("bench"),
                CollectorSettings.defaults().withRateLimits(1000, 1000),
                Clock.systemUTC())) {
      Shard shard = collector.shards().get(0);
      collector.refreshInventory(shard);
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static Process java(String heap, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    if (main == CycleProcessMain.class && System.getProperty("benchmark.callsInFlight") != null) {
      command.add("-Dbenchmark.callsInFlight=" + System.getProperty("benchmark.callsInFlight"));
    }
    String jfr = System.getProperty("benchmark.jfr");
    if (jfr != null && main == CycleProcessMain.class) {
      command.add("-XX:StartFlightRecording:dumponexit=true,settings=profile,filename=" + jfr);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(
        new File(System.getProperty("java.io.tmpdir"), main.getSimpleName() + ".log"));
    return builder.start();
  }

  private static String firstLine(Process process, String prefix)
      throws IOException, InterruptedException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      System.out.println(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException(prefix + "not printed; exit " + process.waitFor());
  }
}
