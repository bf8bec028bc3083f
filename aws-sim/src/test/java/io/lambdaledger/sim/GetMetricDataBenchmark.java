package io.lambdaledger.sim;

import static io.lambdaledger.sim.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    try (AwsSimulator sim = AwsSimulator.start(TestSettings.at(NOW, 1000, 7));
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
          Queries.request(collector, NOW.minus(Duration.ofHours(1)), NOW);

      // Worst case: 500 different functions, hourly periods over 12 hours (8,640 minutes each).
      List<MetricDataQuery> distinct = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        distinct.add(query("w" + i, busiest.get(i).name(), "Invocations", "Sum", 3600));
      }
      GetMetricDataRequest worstCall =
          Queries.request(distinct, NOW.minus(Duration.ofHours(12)), NOW);

      report("collector call (84 functions x 6 metrics, 300 s)", cw, collectorCall, 12);
      report("worst case (500 functions, 3600 s over 12 h)", cw, worstCall, 12);
      serverOnly("collector call, simulator only", collectorCall);
      serverOnly("worst case, simulator only", worstCall);
    }
  }

  /**
   * The simulator's own work for the same call (CBOR in, series computed, CBOR out), without HTTP
   * or the SDK: wall-clock and CPU time of the measuring thread, so neighbours on a shared machine
   * disturb it less.
   */
  private static void serverOnly(String name, GetMetricDataRequest request) {
    Workload workload =
        new Workload(
            7,
            1000,
            1,
            List.of("us-east-1"),
            Instant.parse("2026-10-01T00:00:00Z").getEpochSecond());
    StatsRecorder stats = new StatsRecorder();
    CloudWatchService service =
        new CloudWatchService(
            workload, new MutableClock(NOW), 180_000, new FaultInjector(Faults.none(), 7), stats);
    ObjectNode input = CBOR.createObjectNode();
    ArrayNode queries = input.putArray("MetricDataQueries");
    for (MetricDataQuery q : request.metricDataQueries()) {
      ObjectNode query = queries.addObject();
      query.put("Id", q.id());
      ObjectNode stat = query.putObject("MetricStat");
      stat.put("Period", q.metricStat().period());
      stat.put("Stat", q.metricStat().stat());
      ObjectNode metric = stat.putObject("Metric");
      metric.put("Namespace", q.metricStat().metric().namespace());
      metric.put("MetricName", q.metricStat().metric().metricName());
      ObjectNode dimension = metric.putArray("Dimensions").addObject();
      dimension.put("Name", "FunctionName");
      dimension.put("Value", q.metricStat().metric().dimensions().get(0).value());
    }
    input.put("StartTime", request.startTime().getEpochSecond());
    input.put("EndTime", request.endTime().getEpochSecond());
    byte[] body;
    try {
      body = CBOR.writeValueAsBytes(input);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Call call =
        new Call(
            Call.Service.CLOUDWATCH,
            "GetMetricData",
            "POST",
            "/service/GraniteServiceVersion20100801/operation/GetMetricData",
            Map.of(),
            Map.of(),
            body,
            "us-east-1",
            new Identity(workload.accounts().get(0), "arn", "user"),
            "bench");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUP; i++) {
      service.handle(call);
    }
    long[] wall = new long[MEASURED];
    long[] cpu = new long[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      SimResponse response = service.handle(call);
      wall[i] = System.nanoTime() - start;
      cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
      assertThat(response.status()).isEqualTo(200);
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(
        "GetMetricData %s: wall p50 %.1f ms, p99 %.1f ms; CPU p50 %.1f ms, p99 %.1f ms%n",
        name,
        wall[MEASURED / 2] / 1e6,
        wall[(int) (MEASURED * 0.99)] / 1e6,
        cpu[MEASURED / 2] / 1e6,
        cpu[(int) (MEASURED * 0.99)] / 1e6);
  }

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

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
