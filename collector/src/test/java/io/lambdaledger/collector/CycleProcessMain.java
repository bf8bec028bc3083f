package io.lambdaledger.collector;

import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * One collection cycle in its own JVM (the benchmark runs it with {@code -Xmx512m}), with the
 * production defaults but a 1-hour lookback: {@code endpoint dbUrl}. Prints one {@code result}
 * line: wall milliseconds, GetMetricData calls, ListMetrics calls, metrics requested, samples
 * written, active functions, peak heap in MB.
 */
public final class CycleProcessMain {

  private CycleProcessMain() {}

  public static void main(String[] args) {
    CollectorSettings defaults = CollectorSettings.defaults().withLookback(Duration.ofHours(1));
    int callsInFlight = Integer.getInteger("benchmark.callsInFlight", defaults.callsInFlight());
    CollectorSettings settings =
        defaults.withConcurrency(defaults.maxConcurrentShards(), callsInFlight);
    try (Database db = Database.open(new DatabaseSettings(args[1], null, null));
        AwsClientFactory clients =
            CollectorHarness.simulatorClients(
                URI.create(args[0]), "AKIDLEDGERBENCH", RetrySettings.defaults(), 64);
        Collector collector =
            new Collector(
                db,
                clients,
                CollectorHarness.defaultTarget("bench"),
                settings,
                Clock.systemUTC())) {
      collector.shards();
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      ShardReport report = collector.runOnce().shards().get(0);
      long wallMillis = (System.nanoTime() - started) / 1_000_000;
      long peakHeap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == MemoryType.HEAP)
              .mapToLong(pool -> pool.getPeakUsage().getUsed())
              .sum();
      System.out.println(report.summary());
      System.out.println(
          "result "
              + wallMillis
              + " "
              + report.calls("GetMetricData")
              + " "
              + report.calls("ListMetrics")
              + " "
              + report.metricsRequested()
              + " "
              + report.samplesWritten()
              + " "
              + report.activeFunctions()
              + " "
              + peakHeap / (1024 * 1024)
              + " "
              + report.status());
    }
  }
}
