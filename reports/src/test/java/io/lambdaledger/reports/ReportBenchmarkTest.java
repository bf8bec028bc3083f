package io.lambdaledger.reports;

import static io.lambdaledger.reports.ReportBenchmarkData.CHANGE_EVERY;
import static io.lambdaledger.reports.ReportBenchmarkData.CLOCK;
import static io.lambdaledger.reports.ReportBenchmarkData.FUNCTIONS;
import static io.lambdaledger.reports.ReportBenchmarkData.MONTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.Database;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report of 50,000 functions in a 256 MiB heap: the usage rollups read from the H2 file
 * {@link ReportBenchmarkData} stored, priced, written as CSV (twice: a cold JVM, as a {@code
 * report} command runs, then warm) and as FOCUS. Not a timed test: it prints the numbers for
 * docs/benchmarks.md (section Reports). Excluded from the normal build; run with
 *
 * <pre>
 * ./mvnw -B -q -pl reports -am verify -Dspotless.check.skip=true -Pbenchmark
 * </pre>
 */
@Tag("benchmark")
class ReportBenchmarkTest {

  @TempDir Path directory;

  @Test
  void fiftyThousandFunctionsInOneMonth() throws IOException {
    assertThat(ReportBenchmarkData.databaseFile()).exists();
    try (Database database = Database.open(ReportBenchmarkData.settings())) {
      MonthlyReports reports =
          new MonthlyReports(
              database.dsl(),
              CollectionProgress.none(),
              PriceBooks.bundled(),
              MonthlyReports.finalityHorizon(Duration.ofMinutes(10)),
              CLOCK);

      Run cold = run(reports, ReportFormat.CSV, "csv, cold JVM");
      Run warm = run(reports, ReportFormat.CSV, "csv, warm");
      Run focus = run(reports, ReportFormat.FOCUS, "focus, warm");

      System.out.printf(
          "BENCHMARK reports: %d functions; heap -Xmx %d MiB; Java %s; %d cores%n",
          FUNCTIONS,
          Runtime.getRuntime().maxMemory() >> 20,
          Runtime.version(),
          Runtime.getRuntime().availableProcessors());
      for (Run run : List.of(cold, warm, focus)) {
        System.out.println("BENCHMARK reports: " + run);
      }
      assertThat(cold.summary().functionRows()).isEqualTo(FUNCTIONS + FUNCTIONS / CHANGE_EVERY);
      assertThat(focus.summary().totalCost()).isEqualByComparingTo(cold.summary().totalCost());
      assertThat(reports.totalCost(MONTH, AccountScope.all()))
          .isEqualByComparingTo(cold.summary().totalCost());
    }
  }

  record Run(
      String name,
      ReportSummary summary,
      double seconds,
      long bytes,
      long peakHeapMib,
      double cpuSeconds,
      double gcSeconds) {
    @Override
    public String toString() {
      return String.format(
          "%s: %d lines, %.1f MiB, total %s %s in %.2f s (CPU %.2f s, GC %.2f s); peak heap %d"
              + " MiB",
          name,
          summary.lines(),
          bytes / 1048576.0,
          summary.totalCost().toPlainString(),
          summary.currency(),
          seconds,
          cpuSeconds,
          gcSeconds,
          peakHeapMib);
    }
  }

  private Run run(MonthlyReports reports, ReportFormat format, String name) throws IOException {
    Path path = directory.resolve(format.fileName(MONTH));
    System.gc();
    resetPeaks();
    long gcBefore = gcMillis();
    long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long start = System.nanoTime();
    ReportSummary summary;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      summary = reports.write(ReportRequest.of(MONTH, format), out);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9;
    return new Run(
        name,
        summary,
        seconds,
        Files.size(path),
        peakHeapMib(),
        cpu,
        (gcMillis() - gcBefore) / 1e3);
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the reset: an upper bound of the heap in use. */
  private static long peakHeapMib() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
