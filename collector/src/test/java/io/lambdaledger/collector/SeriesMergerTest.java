package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

class SeriesMergerTest {

  private static final Instant T0 = Instant.parse("2026-10-01T12:00:00Z");

  private static MetricDataResult result(String id, StatusCode status, long... minutesAndValues) {
    MetricDataResult.Builder builder = MetricDataResult.builder().id(id).statusCode(status);
    java.util.List<Instant> timestamps = new java.util.ArrayList<>();
    java.util.List<Double> values = new java.util.ArrayList<>();
    for (int i = 0; i < minutesAndValues.length; i += 2) {
      timestamps.add(T0.plusSeconds(60 * minutesAndValues[i]));
      values.add((double) minutesAndValues[i + 1]);
    }
    return builder.timestamps(timestamps).values(values).build();
  }

  @Test
  void pagesOfTheSameIdAreMergedNotAppendedOrTruncated() {
    SeriesMerger merger = new SeriesMerger();

    merger.accept(
        List.of(
            result("f0_0", StatusCode.PARTIAL_DATA, 0, 10, 1, 11),
            result("f1_0", StatusCode.COMPLETE, 0, 5)));
    merger.accept(List.of(result("f0_0", StatusCode.COMPLETE, 2, 12, 3, 13)));

    assertThat(merger.series("f0_0").points())
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    T0,
                    10.0,
                    T0.plusSeconds(60),
                    11.0,
                    T0.plusSeconds(120),
                    12.0,
                    T0.plusSeconds(180),
                    13.0)));
    assertThat(merger.series("f1_0").points()).containsExactlyEntriesOf(Map.of(T0, 5.0));
    assertThat(merger.incompleteIds(List.of("f0_0", "f1_0"))).isEmpty();
  }

  @Test
  void partialDataAndInternalErrorAreAskedAgainAndMissingIdsToo() {
    SeriesMerger merger = new SeriesMerger();

    merger.accept(
        List.of(
            result("a", StatusCode.PARTIAL_DATA, 0, 1),
            result("b", StatusCode.INTERNAL_ERROR),
            result("c", StatusCode.COMPLETE, 0, 3),
            result("d", StatusCode.FORBIDDEN)));

    assertThat(merger.incompleteIds(List.of("a", "b", "c", "d", "e")))
        .containsExactlyInAnyOrder("a", "b", "e");
    assertThat(merger.failedIds()).containsExactly("d");

    merger.accept(List.of(result("a", StatusCode.COMPLETE, 0, 1, 1, 2)));

    assertThat(merger.incompleteIds(List.of("a"))).isEmpty();
    assertThat(merger.series("a").points()).hasSize(2);
  }
}
