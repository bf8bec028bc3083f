package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryPlannerTest {

  private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

  private static List<ActiveFunction> functions(int count, int withProvisionedConcurrency) {
    List<ActiveFunction> functions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      functions.add(
          new ActiveFunction("fn-" + i, LambdaMetric.forFunction(i < withProvisionedConcurrency)));
    }
    return functions;
  }

  @ParameterizedTest(
      name = "{0} functions ({1} with PC), {2} at {3}: {4} calls of at most {5} queries")
  @CsvSource({
    // a cycle: 30 min at 5 min = 6 points per query, 500 queries per call
    "1, 0, PT30M, PT5M, 1, 6",
    "83, 0, PT30M, PT5M, 1, 498",
    "84, 0, PT30M, PT5M, 2, 500",
    "1000, 0, PT30M, PT5M, 12, 500",
    "1000, 100, PT30M, PT5M, 13, 500",
    "10000, 0, PT1H, PT5M, 120, 500",
    // a day at 1 min = 1,440 points: 70 queries per call keep within 100,800 points
    "100, 0, P1D, PT1M, 9, 70",
    // a day at 5 min = 288 points: 350 queries per call
    "100, 0, P1D, PT5M, 2, 350",
    // a day at 1 h = 24 points: 500 per call
    "100, 0, P1D, PT1H, 2, 500"
  })
  void callsAreAsFewAsTheQueryAndDatapointLimitsAllow(
      int count, int withPc, Duration length, Duration period, int expectedCalls, int largestCall) {
    List<ActiveFunction> functions = functions(count, withPc);
    TimeWindow window = new TimeWindow(START, START.plus(length));

    List<MetricBatch> batches = QueryPlanner.plan(functions, window, period);

    int queries = QueryPlanner.queryCount(functions);
    int perCall = QueryPlanner.queriesPerCall(window.periods(period));
    assertThat(batches).hasSize((queries + perCall - 1) / perCall).hasSize(expectedCalls);
    assertThat(batches.stream().mapToInt(batch -> batch.queries().size()).max().orElseThrow())
        .isEqualTo(largestCall);
    for (MetricBatch batch : batches) {
      assertThat(batch.queries()).hasSizeLessThanOrEqualTo(500);
      assertThat(batch.datapointBudget()).isLessThanOrEqualTo(100_800);
      assertThat(batch.window()).isEqualTo(window);
      assertThat(batch.period()).isEqualTo(period);
    }
  }

  @Test
  void everyMetricOfEveryFunctionIsRequestedExactlyOnceWithAUniqueValidId() {
    List<ActiveFunction> functions = functions(250, 30);
    TimeWindow window = new TimeWindow(START, START.plus(Duration.ofMinutes(30)));

    List<MetricBatch> batches = QueryPlanner.plan(functions, window, Duration.ofMinutes(5));

    Set<String> ids = new HashSet<>();
    Set<String> functionMetrics = new HashSet<>();
    for (MetricBatch batch : batches) {
      for (MetricQuery query : batch.queries()) {
        assertThat(query.id()).matches("[a-z][A-Za-z0-9_]*");
        assertThat(ids.add(query.id())).as("id %s is unique", query.id()).isTrue();
        assertThat(functionMetrics.add(query.functionName() + "/" + query.metric())).isTrue();
        assertThat(batch.byId().get(query.id())).isEqualTo(query);
      }
    }
    assertThat(functionMetrics).hasSize(250 * 6 + 30 * 2);
  }

  @Test
  void aQueryTooLongForOneCallIsSplitInTimeWithoutGaps() {
    // 100 days at 1 minute: 144,000 points per query, more than one call returns. Slices of
    // 100,800 points (1 query per call) and 43,200 points (2 queries per call).
    TimeWindow window = new TimeWindow(START, START.plus(Duration.ofDays(100)));

    List<MetricBatch> batches = QueryPlanner.plan(functions(1, 0), window, Duration.ofMinutes(1));

    assertThat(batches).hasSize(6 + 3);
    assertThat(batches.get(0).window().start()).isEqualTo(window.start());
    assertThat(batches.get(batches.size() - 1).window().end()).isEqualTo(window.end());
    for (MetricBatch batch : batches) {
      assertThat(batch.datapointBudget()).isLessThanOrEqualTo(100_800);
    }
  }

  @Test
  void anUnalignedWindowIsRefused() {
    TimeWindow window = new TimeWindow(START.plusSeconds(30), START.plus(Duration.ofMinutes(30)));

    assertThatThrownBy(() -> QueryPlanner.plan(functions(1, 0), window, Duration.ofMinutes(5)))
        .hasMessageContaining("not aligned");
  }

  @Test
  void idsThatCloudWatchWouldRejectCannotBeBuilt() {
    assertThatThrownBy(() -> new MetricQuery("1abc", "fn", LambdaMetric.INVOCATIONS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetricQuery("Abc", "fn", LambdaMetric.INVOCATIONS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetricQuery("a-b", "fn", LambdaMetric.INVOCATIONS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
