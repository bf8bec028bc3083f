package io.lambdaledger.sim;

import static io.lambdaledger.sim.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** GetMetricData through the real CloudWatch SDK client (RPC v2 CBOR). */
class GetMetricDataTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final MutableClock CLOCK = new MutableClock(NOW);
  static List<SimulatedFunction> active;

  @RegisterExtension
  static final SimulatedCloudWatch AWS =
      new SimulatedCloudWatch(
          SimulatorSettings.defaults()
              .withFunctions(120)
              .withSeed(42)
              .withClock(CLOCK)
              .withStart(Instant.parse("2026-07-01T00:00:00Z")));

  @BeforeAll
  static void findActive() {
    active = AWS.sim().functions().stream().filter(f -> !f.pattern().equals("IDLE")).toList();
  }

  static List<MetricDataQuery> queries(int count, String metric, String stat, int period) {
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      queries.add(query("q" + i, active.get(i % active.size()).name(), metric, stat, period));
    }
    return queries;
  }

  @Test
  void aCallWith500QueriesIsAnsweredWithOneResultPerQuery() {
    List<MetricDataQuery> queries = new ArrayList<>();
    String[] metrics = {"Invocations", "Duration", "Errors", "Throttles", "ConcurrentExecutions"};
    for (int i = 0; i < 500; i++) {
      SimulatedFunction f = active.get(i % active.size());
      queries.add(
          query("q" + i, f.name(), metrics[i / active.size() % metrics.length], "Sum", 300));
    }
    GetMetricDataResponse response = lastHour(queries);

    assertThat(response.metricDataResults()).hasSize(500);
    assertThat(response.nextToken()).isNull();
    assertThat(response.metricDataResults())
        .extracting(MetricDataResult::statusCode)
        .containsOnly(StatusCode.COMPLETE);
    assertThat(response.metricDataResults().stream().mapToInt(r -> r.values().size()).sum())
        .isGreaterThan(500);
  }

  @Test
  void aCallWith501QueriesFailsWithInvalidParameterValue() {
    List<MetricDataQuery> queries = queries(501, "Invocations", "Sum", 300);

    assertThatThrownBy(() -> lastHour(queries))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "The collection MetricDataQueries must not have a size greater than 500.");
            });
  }

  @Test
  void idsMustStartWithALowercaseLetterAndBeUnique() {
    String name = active.get(0).name();
    assertThatThrownBy(() -> lastHour(query("Q1", name, "Invocations", "Sum", 60)))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.getMessage()).contains("^[a-z][a-zA-Z0-9_]*$");
            });
    assertThatThrownBy(
            () ->
                lastHour(
                    query("a1", name, "Invocations", "Sum", 60),
                    query("a1", name, "Errors", "Sum", 60)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }

  @Test
  void startTimeMustBeBeforeEndTime() {
    assertThatThrownBy(
            () -> get(List.of(query("a", active.get(0).name(), "Errors", "Sum", 60)), NOW, NOW))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("StartTime must be less than");
  }

  @Test
  void aForgedNextTokenIsRejected() {
    assertThatThrownBy(
            () ->
                AWS.cw()
                    .getMetricData(
                        b ->
                            b.metricDataQueries(
                                    query("a", active.get(0).name(), "Errors", "Sum", 60))
                                .startTime(NOW.minus(Duration.ofHours(1)))
                                .endTime(NOW)
                                .nextToken("not-a-token")))
        .isInstanceOfSatisfying(
            InvalidNextTokenException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
  }

  @Test
  void smallMaxDatapointsPagesWithNextTokenAndTheMergedSeriesEqualOneLargeCall() {
    List<MetricDataQuery> queries = new ArrayList<>(queries(40, "Invocations", "Sum", 60));
    queries.addAll(
        queries(40, "Duration", "Maximum", 60).stream()
            .map(q -> q.toBuilder().id("d" + q.id()).build())
            .toList());
    GetMetricDataRequest large = Queries.request(queries, NOW.minus(Duration.ofHours(3)), NOW);
    GetMetricDataResponse single = AWS.cw().getMetricData(large);
    assertThat(single.nextToken()).isNull();

    GetMetricDataRequest paged = large.toBuilder().maxDatapoints(97).build();
    List<GetMetricDataResponse> pages = new ArrayList<>();
    AWS.cw().getMetricDataPaginator(paged).forEach(pages::add);
    Map<String, Queries.Series> merged = Queries.fetchAll(AWS.cw(), paged);

    assertThat(pages).hasSizeGreaterThan(10);
    for (GetMetricDataResponse page : pages) {
      assertThat(page.metricDataResults().stream().mapToInt(r -> r.values().size()).sum())
          .isLessThanOrEqualTo(97);
    }
    // Some series continue on the next page: the same Id shows up on two pages.
    Map<String, Integer> pagesPerId = new HashMap<>();
    for (GetMetricDataResponse page : pages) {
      for (MetricDataResult r : page.metricDataResults()) {
        pagesPerId.merge(r.id(), 1, Integer::sum);
      }
    }
    assertThat(pagesPerId.values()).anyMatch(n -> n > 1);
    assertThat(pages.get(0).metricDataResults())
        .extracting(MetricDataResult::statusCode)
        .contains(StatusCode.PARTIAL_DATA);

    for (MetricDataResult expected : single.metricDataResults()) {
      Queries.Series actual = merged.get(expected.id());
      assertThat(actual).as(expected.id()).isNotNull();
      List<Long> expectedTimestamps =
          expected.timestamps().stream().map(Instant::getEpochSecond).sorted().toList();
      assertThat(actual.timestamps()).isEqualTo(expectedTimestamps);
      List<Double> expectedValues = new ArrayList<>(expected.values());
      java.util.Collections.reverse(expectedValues); // descending by default
      assertThat(actual.values()).isEqualTo(expectedValues);
    }
  }

  @Test
  void startTimeIsInclusiveAndEndTimeExclusive() {
    SimulatedFunction busy = busiest();
    Instant start = NOW.minus(Duration.ofMinutes(30));
    MetricDataResult result =
        ascending(
            query("a", busy.name(), "Invocations", "SampleCount", 60),
            start,
            start.plus(Duration.ofMinutes(5)));
    assertThat(result.timestamps())
        .containsExactly(
            start,
            start.plusSeconds(60),
            start.plusSeconds(120),
            start.plusSeconds(180),
            start.plusSeconds(240));
  }

  @Test
  void periodsAreAlignedToTheStartTimeRoundedDownToTheMinute() {
    SimulatedFunction busy = busiest();
    Instant start = Instant.parse("2026-11-20T10:07:42Z");
    MetricDataResult result =
        ascending(
            query("a", busy.name(), "Invocations", "Sum", 300),
            start,
            Instant.parse("2026-11-20T10:32:00Z"));
    assertThat(result.timestamps())
        .containsExactly(
            Instant.parse("2026-11-20T10:07:00Z"),
            Instant.parse("2026-11-20T10:12:00Z"),
            Instant.parse("2026-11-20T10:17:00Z"),
            Instant.parse("2026-11-20T10:22:00Z"),
            Instant.parse("2026-11-20T10:27:00Z"));
  }

  @Test
  void scanByChoosesTheOrderOfTimestamps() {
    SimulatedFunction busy = busiest();
    GetMetricDataRequest request =
        Queries.request(
            List.of(query("a", busy.name(), "Invocations", "Sum", 300)),
            NOW.minus(Duration.ofHours(2)),
            NOW);
    List<Instant> descending =
        AWS.cw().getMetricData(request).metricDataResults().get(0).timestamps();
    List<Instant> ascending =
        AWS.cw()
            .getMetricData(request.toBuilder().scanBy(ScanBy.TIMESTAMP_ASCENDING).build())
            .metricDataResults()
            .get(0)
            .timestamps();
    assertThat(descending).isSortedAccordingTo((a, b) -> b.compareTo(a)).hasSizeGreaterThan(5);
    assertThat(ascending).isSorted();
    assertThat(new HashSet<>(ascending)).isEqualTo(new HashSet<>(descending));
  }

  @Test
  void aPeriodTooFineForTheAgeOfTheDataReturnsNoDatapoints() {
    SimulatedFunction busy = busiest();
    // 20 days ago: 1-minute data is gone, 5-minute data is there.
    Instant twentyDaysAgo = NOW.minus(Duration.ofDays(20));
    assertThat(points(busy, twentyDaysAgo, twentyDaysAgo.plus(Duration.ofHours(1)), 60)).isZero();
    assertThat(points(busy, twentyDaysAgo, twentyDaysAgo.plus(Duration.ofHours(1)), 300))
        .isEqualTo(12);
    // 100 days ago: only hourly data.
    Instant hundredDaysAgo = NOW.minus(Duration.ofDays(100));
    assertThat(points(busy, hundredDaysAgo, hundredDaysAgo.plus(Duration.ofHours(6)), 300))
        .isZero();
    assertThat(points(busy, hundredDaysAgo, hundredDaysAgo.plus(Duration.ofHours(6)), 3600))
        .isEqualTo(6);
  }

  @Test
  void aWindowReachingBackBeforeTheDataStartsReturnsOnlyTheDataHours() {
    SimulatedFunction busy = busiest();
    MetricDataResult result =
        ascending(
            query("a", busy.name(), "Invocations", "Sum", 3600),
            Instant.parse("2020-01-01T00:00:05Z"),
            NOW);
    List<Instant> timestamps = result.timestamps();
    assertThat(timestamps.get(0)).isEqualTo(AWS.sim().start());
    assertThat(timestamps).allMatch(t -> t.getEpochSecond() % 3600 == 0);
    assertThat(timestamps.get(timestamps.size() - 1))
        .isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    double sum = result.values().stream().mapToDouble(d -> d).sum();
    assertThat(sum)
        .isEqualTo(
            (double)
                AWS.sim()
                    .truth(AWS.sim().start(), NOW.minus(Duration.ofMinutes(3)))
                    .function(busy.account(), busy.region(), busy.name())
                    .invocations());
  }

  @Test
  void datapointsBecomeVisibleOnlyAfterTheLag() {
    SimulatedFunction busy = busiest();
    Instant start = NOW.minus(Duration.ofMinutes(10));
    // Default lag 3 minutes: minutes ending by 11:57 are visible, i.e. up to the 11:56 minute.
    GetMetricDataResponse now =
        get(
            List.of(query("a", busy.name(), "Invocations", "SampleCount", 60)),
            start,
            NOW.plus(Duration.ofMinutes(5)));
    assertThat(now.metricDataResults().get(0).timestamps().get(0))
        .isEqualTo(Instant.parse("2026-11-20T11:56:00Z"));
  }

  @Test
  void averageIsSumOverSampleCountAndMinimumAndMaximumBracketIt() {
    SimulatedFunction busy = busiest();
    List<MetricDataQuery> stats = new ArrayList<>();
    for (String stat : List.of("Sum", "SampleCount", "Average", "Minimum", "Maximum")) {
      stats.add(query(stat.toLowerCase(), busy.name(), "Duration", stat, 300));
    }
    GetMetricDataResponse r = lastHour(stats);
    Map<String, List<Double>> values = new HashMap<>();
    r.metricDataResults().forEach(m -> values.put(m.id(), m.values()));
    for (int i = 0; i < values.get("sum").size(); i++) {
      double average = values.get("average").get(i);
      assertThat(average)
          .isCloseTo(values.get("sum").get(i) / values.get("samplecount").get(i), within(1e-9));
      assertThat(values.get("minimum").get(i)).isLessThanOrEqualTo(average);
      assertThat(values.get("maximum").get(i)).isGreaterThanOrEqualTo(average);
    }
  }

  @Test
  void idleFunctionsAndUnknownMetricsHaveNoDatapoints() {
    SimulatedFunction idle =
        AWS.sim().functions().stream()
            .filter(f -> f.pattern().equals("IDLE"))
            .findFirst()
            .orElseThrow();
    GetMetricDataResponse r =
        get(
            List.of(
                query("idle", idle.name(), "Invocations", "Sum", 300),
                query("nosuch", "no-such-function", "Invocations", "Sum", 300),
                query("other", busiest().name(), "NoSuchMetric", "Sum", 300)),
            NOW.minus(Duration.ofHours(3)),
            NOW);
    assertThat(r.metricDataResults()).hasSize(3);
    assertThat(r.metricDataResults()).allSatisfy(m -> assertThat(m.values()).isEmpty());
  }

  @Test
  void getMetricDataCountsTheMetricsRequested() {
    long before = AWS.sim().stats().metricsRequested();
    lastHour(queries(7, "Errors", "Sum", 300));
    assertThat(AWS.sim().stats().metricsRequested() - before).isEqualTo(7);
  }

  static int points(SimulatedFunction f, Instant start, Instant end, int period) {
    return get(List.of(query("a", f.name(), "Invocations", "SampleCount", period)), start, end)
        .metricDataResults()
        .get(0)
        .values()
        .size();
  }

  /** GetMetricData for the queries from {@code start} to {@code end}, newest first. */
  static GetMetricDataResponse get(List<MetricDataQuery> queries, Instant start, Instant end) {
    return AWS.cw().getMetricData(Queries.request(queries, start, end));
  }

  /** GetMetricData for the queries over the hour before {@link #NOW}. */
  static GetMetricDataResponse lastHour(MetricDataQuery... queries) {
    return lastHour(List.of(queries));
  }

  static GetMetricDataResponse lastHour(List<MetricDataQuery> queries) {
    return get(queries, NOW.minus(Duration.ofHours(1)), NOW);
  }

  /** The one query's result from {@code start} to {@code end}, oldest first. */
  static MetricDataResult ascending(MetricDataQuery query, Instant start, Instant end) {
    return AWS.cw()
        .getMetricData(
            b ->
                b.metricDataQueries(query)
                    .startTime(start)
                    .endTime(end)
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING))
        .metricDataResults()
        .get(0);
  }

  /** A function invoked every minute (steady and busy), so every period has data. */
  static SimulatedFunction busiest() {
    Truth truth = AWS.sim().truth(NOW.minus(Duration.ofDays(1)), NOW);
    Set<String> steady = new HashSet<>();
    AWS.sim().functions().stream()
        .filter(f -> f.pattern().equals("STEADY"))
        .forEach(f -> steady.add(f.name()));
    FunctionTruth best =
        truth.functions().stream()
            .filter(f -> steady.contains(f.name()))
            .max((a, b) -> Long.compare(a.invocations(), b.invocations()))
            .orElseThrow();
    return AWS.sim().functions().stream()
        .filter(f -> f.name().equals(best.name()))
        .findFirst()
        .get();
  }
}
