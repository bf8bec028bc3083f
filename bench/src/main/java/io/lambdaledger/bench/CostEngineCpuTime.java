package io.lambdaledger.bench;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.pricing.PriceBooks;
import java.lang.management.ManagementFactory;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;

/**
 * Process CPU time (all threads: pricing, GC, JIT) per priced month, after a warm-up: a measurement
 * that holds on a machine shared with other work, where JMH's wall-clock time does not. Usage:
 * {@code java -XX:ActiveProcessorCount=1 -cp bench/target/benchmarks.jar
 * io.lambdaledger.bench.CostEngineCpuTime [warmups] [measured]}.
 */
public final class CostEngineCpuTime {

  private CostEngineCpuTime() {}

  public static void main(String[] args) {
    int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    List<UsageLine> lines = CostEngineBenchmark.month(50_000, new Random(20261001L));
    CostEngine engine = new CostEngine(PriceBooks.bundled());
    YearMonth month = YearMonth.of(2026, 10);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    CostReport report = null;
    for (int i = 0; i < warmups; i++) {
      report = engine.price(month, lines, CostOptions.DEFAULT);
    }
    long cpuStart = os.getProcessCpuTime();
    long wallStart = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      report = engine.price(month, lines, CostOptions.DEFAULT);
    }
    long cpu = os.getProcessCpuTime() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    System.out.printf(
        "50000 functions, 10 regions: %.1f ms CPU/op, %.1f ms wall/op over %d ops (total $%s)%n",
        cpu / 1e6 / measured, wall / 1e6 / measured, measured, report.total());
  }
}
