package io.lambdaledger.collector;

import static io.lambdaledger.collector.LambdaMetric.DEAD_LETTER_ERRORS;
import static io.lambdaledger.collector.LambdaMetric.DURATION;
import static io.lambdaledger.collector.LambdaMetric.ERRORS;
import static io.lambdaledger.collector.LambdaMetric.INVOCATIONS;
import static io.lambdaledger.collector.LambdaMetric.ITERATOR_AGE;
import static io.lambdaledger.collector.LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS;
import static io.lambdaledger.collector.LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS;
import static io.lambdaledger.collector.LambdaMetric.THROTTLES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricSelectionTest {

  /** api: a stream consumer; busy: throttled too; blocked: only throttled; pc: provisioned. */
  private static final SeriesListing LISTING =
      new SeriesListing(
          Map.of(
              INVOCATIONS, Set.of("api", "busy", "pc"),
              ERRORS, Set.of("api", "busy", "pc"),
              ITERATOR_AGE, Set.of("api"),
              THROTTLES, Set.of("busy", "blocked"),
              DEAD_LETTER_ERRORS, Set.of(),
              PROVISIONED_CONCURRENCY_INVOCATIONS, Set.of("pc")));

  private static final List<String> LISTED = List.of("api", "blocked", "busy", "pc");

  /** The plan for the functions of {@link #LISTING}, none known to have provisioned concurrency. */
  private static MetricSelection.Plan planOfListed(MetricSelection.Coverage coverage) {
    return MetricSelection.plan(coverage, LISTING, LISTED, Set.of());
  }

  @Test
  void aRecentWindowRequestsTheListedSeriesAndDurationWhereThereAreInvocations() {
    MetricSelection.Plan plan = planOfListed(MetricSelection.Coverage.LISTED);

    assertThat(plan.first())
        .containsExactly(
            new ActiveFunction("api", List.of(INVOCATIONS, DURATION, ERRORS, ITERATOR_AGE)),
            new ActiveFunction("blocked", List.of(THROTTLES)),
            new ActiveFunction("busy", List.of(INVOCATIONS, DURATION, ERRORS, THROTTLES)),
            new ActiveFunction(
                "pc", List.of(INVOCATIONS, DURATION, ERRORS, PROVISIONED_CONCURRENCY_INVOCATIONS)));
    assertThat(plan.afterInvocations()).isEmpty();
    assertThat(QueryPlanner.queryCount(plan.first()))
        .isEqualTo(LISTING.seriesCount())
        .isEqualTo(13);
  }

  @Test
  void anOlderWindowAsksForTheActivityCountersFirstAndTheRestOnlyAfterInvocations() {
    MetricSelection.Plan plan = planOfListed(MetricSelection.Coverage.VOUCHED);

    assertThat(plan.first())
        .containsExactly(
            new ActiveFunction("api", List.of(INVOCATIONS)),
            new ActiveFunction("blocked", List.of(THROTTLES)),
            new ActiveFunction("busy", List.of(INVOCATIONS, THROTTLES)),
            new ActiveFunction("pc", List.of(INVOCATIONS)));
    assertThat(plan.afterInvocations())
        .containsOnly(
            Map.entry("api", List.of(DURATION, ERRORS, ITERATOR_AGE)),
            Map.entry("busy", List.of(DURATION, ERRORS)),
            Map.entry("pc", List.of(DURATION, ERRORS, PROVISIONED_CONCURRENCY_INVOCATIONS)));
    assertThat(plan.mostQueries()).isEqualTo(LISTING.seriesCount());
  }

  @Test
  void aWindowOlderThanTheListingAsksEveryCandidateForItsActivityAndKnownProvisioning() {
    MetricSelection.Plan plan =
        MetricSelection.plan(
            MetricSelection.Coverage.UNVOUCHED,
            new SeriesListing(Map.of()),
            List.of("gone", "reserved"),
            Set.of("reserved"));

    assertThat(plan.first())
        .extracting(ActiveFunction::metrics)
        .containsOnly(List.of(INVOCATIONS, THROTTLES, DEAD_LETTER_ERRORS));
    assertThat(plan.afterInvocations().get("gone")).containsExactly(DURATION, ERRORS, ITERATOR_AGE);
    assertThat(plan.afterInvocations().get("reserved"))
        .containsExactly(
            DURATION,
            ERRORS,
            ITERATOR_AGE,
            PROVISIONED_CONCURRENCY_INVOCATIONS,
            PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS);
  }
}
