package io.lambdaledger.bench;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Prices one month of 50,000 functions spread over 10 regions, 2 architectures and 20 accounts of
 * one organization (one payer), the way the API prices a month: durations as CloudWatch sums (so
 * the upper bound is computed too), 5 % of functions with provisioned concurrency, 10 % with extra
 * ephemeral storage. Target: 200 ms on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CostEngineBenchmark {

  private static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-2",
          "eu-west-1",
          "eu-central-1",
          "ap-south-1",
          "ap-northeast-1",
          "sa-east-1",
          "af-south-1",
          "ap-southeast-5");

  private static final int[] MEMORY_MB = {128, 256, 512, 1024, 1536, 2048, 3008, 10_240};

  @Param("50000")
  public int functions;

  private final CostEngine engine = new CostEngine(PriceBooks.bundled());
  private final YearMonth month = YearMonth.of(2026, 10);
  private List<UsageLine> lines;

  @Setup
  public void generateMonth() {
    lines = month(functions, new Random(20261001L));
  }

  @Benchmark
  public CostReport priceMonth() {
    return engine.price(month, lines, CostOptions.DEFAULT);
  }

  static List<UsageLine> month(int functions, Random random) {
    List<UsageLine> month = new ArrayList<>(functions);
    for (int i = 0; i < functions; i++) {
      long requests = (long) Math.pow(10, 1 + random.nextDouble() * 7);
      BigDecimal averageMs = BigDecimal.valueOf(1 + random.nextInt(3_000_000), 3);
      UsageLine.Builder line =
          UsageLine.builder()
              .payer("000000000001")
              .account(String.format("%012d", 100 + i % 20))
              .region(REGIONS.get(i % REGIONS.size()))
              .function("function-" + i)
              .architecture(random.nextInt(10) < 7 ? Architecture.X86_64 : Architecture.ARM64)
              .memoryMb(MEMORY_MB[random.nextInt(MEMORY_MB.length)])
              .ephemeralStorageMb(random.nextInt(10) == 0 ? 2048 : 512)
              .requests(requests)
              .duration(
                  BilledDuration.fromMetricSum(
                      averageMs.multiply(BigDecimal.valueOf(requests)), requests));
      if (random.nextInt(20) == 0) {
        long provisionedRequests = requests / 2;
        line.provisionedConcurrencySeconds(
                UsageLine.provisionedConcurrencySeconds(1 + random.nextInt(50), 2_592_000))
            .provisionedRequests(provisionedRequests)
            .provisionedDuration(
                BilledDuration.fromMetricSum(
                    averageMs.multiply(BigDecimal.valueOf(provisionedRequests)),
                    provisionedRequests));
      }
      month.add(line.build());
    }
    return month;
  }
}
