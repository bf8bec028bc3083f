package io.lambdaledger.sim;

import static io.lambdaledger.sim.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * How long the simulator takes to serve a 500-query, 12-point GetMetricData, measured from the real
 * SDK client (so it includes the client's own marshalling and the loopback HTTP). Not a unit test:
 * run it with {@code ./mvnw -pl aws-sim -am test -Dgroups=benchmark -DexcludedGroups=
 * -Dtest=GetMetricDataBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class GetMetricDataBenchmark {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final int WARMUP = 100;
  static final int MEASURED = 300;

  @Test
  void serveFiveHundredQueriesOfTwelvePoints() {
    try (AwsSimulator sim =
            AwsSimulator.start(
                SimulatorSettings.defaults()
                    .withFunctions(1000)
                    .withSeed(7)
                    .withClock(new MutableClock(NOW)));
        CloudWatchClient cw = Sdk.cloudWatch(sim.endpoint(), "us-east-1")) {
      List<FunctionTruth> busiest =
          sim.truth(NOW.minus(Duration.ofHours(1)), NOW).functions().stream()
              .sorted(Comparator.comparingLong(FunctionTruth::invocations).reversed())
              .toList();

      // A collector's call: 6 metrics for each of 84 functions, 5-minute periods over an hour.
      String[][] metrics = {
        {"Invocations", "Sum"},
        {"Duration", "Sum"},
        {"Errors", "Sum"},
        {"Throttles", "Sum"},
        {"ConcurrentExecutions", "Maximum"},
        {"ProvisionedConcurrencyInvocations", "Sum"}
      };
      List<MetricDataQuery> collector = new ArrayList<>();
      for (int i = 0; collector.size() < 500; i++) {
        String[] metric = metrics[i % metrics.length];
        collector.add(
            query("q" + i, busiest.get(i / metrics.length).name(), metric[0], metric[1], 300));
      }
      GetMetricDataRequest collectorCall =
          GetMetricDataRequest.builder()
              .metricDataQueries(collector)
              .startTime(NOW.minus(Duration.ofHours(1)))
              .endTime(NOW)
              .build();

      // Worst case: 500 different functions, hourly periods over 12 hours (8,640 minutes each).
      List<MetricDataQuery> distinct = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        distinct.add(query("w" + i, busiest.get(i).name(), "Invocations", "Sum", 3600));
      }
      GetMetricDataRequest worstCall =
          GetMetricDataRequest.builder()
              .metricDataQueries(distinct)
              .startTime(NOW.minus(Duration.ofHours(12)))
              .endTime(NOW)
              .build();

      report("collector call (84 functions x 6 metrics, 300 s)", cw, collectorCall, 12);
      report("worst case (500 functions, 3600 s over 12 h)", cw, worstCall, 12);
    }
  }

  private static void report(
      String name, CloudWatchClient cw, GetMetricDataRequest request, int expectedPoints) {
    GetMetricDataResponse first = cw.getMetricData(request);
    assertThat(first.metricDataResults()).hasSize(500);
    assertThat(first.metricDataResults().get(0).values()).hasSize(expectedPoints);
    for (int i = 0; i < WARMUP; i++) {
      cw.getMetricData(request);
    }
    long[] nanos = new long[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      cw.getMetricData(request);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "GetMetricData %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d calls (%d points)%n",
        name,
        nanos[MEASURED / 2] / 1e6,
        nanos[(int) (MEASURED * 0.99)] / 1e6,
        nanos[MEASURED - 1] / 1e6,
        MEASURED,
        first.metricDataResults().stream().mapToInt(r -> r.values().size()).sum());
  }
}
