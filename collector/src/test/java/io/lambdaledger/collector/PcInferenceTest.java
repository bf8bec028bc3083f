package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.InferenceBound;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore.AllocationSpan;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Provisioned concurrency inferred from hourly CloudWatch series: served hours say PC was there
 * (executions ÷ utilization its amount, executions alone a lower bound), unserved hours that none
 * was, silent hours between two served ones are bridged, the other silences are UNKNOWN.
 */
class PcInferenceTest {

  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");

  private static Instant h(int hour) {
    return FROM.plus(PcInference.HOUR.multipliedBy(hour));
  }

  /** Builds the four series hour by hour. */
  private static final class Hours {
    final NavigableMap<Instant, Double> invocations = new TreeMap<>();
    final NavigableMap<Instant, Double> provisioned = new TreeMap<>();
    final NavigableMap<Instant, Double> executions = new TreeMap<>();
    final NavigableMap<Instant, Double> utilization = new TreeMap<>();

    /** An hour served by PC: {@code executions} of {@code allocated} at peak. */
    Hours served(int hour, int executions, int allocated) {
      utilization.put(h(hour), (double) executions / allocated);
      return servedWithoutUtilization(hour, executions);
    }

    /** Served, but CloudWatch has no utilization for the hour. */
    Hours servedWithoutUtilization(int hour, int executions) {
      invocations.put(h(hour), 10.0);
      provisioned.put(h(hour), 8.0);
      this.executions.put(h(hour), (double) executions);
      return this;
    }

    Hours unserved(int hour) {
      invocations.put(h(hour), 10.0);
      return this;
    }

    List<AllocationSpan> infer(int hours, boolean presentAtTo) {
      return PcInference.infer(
          "live",
          FROM,
          h(hours),
          new PcInference.Series(invocations, provisioned, executions, utilization),
          presentAtTo);
    }
  }

  private static AllocationSpan span(
      int from, int to, int allocated, Provenance provenance, InferenceBound bound) {
    return new AllocationSpan("live", h(from), h(to), allocated, provenance, bound);
  }

  @Test
  void executionsOverUtilizationGiveTheAmountAndSilencesBetweenServedHoursAreBridged() {
    List<AllocationSpan> spans =
        new Hours().served(0, 3, 7).served(1, 5, 7).served(4, 2, 7).infer(5, false);

    assertThat(spans)
        .containsExactly(span(0, 5, 7, Provenance.INFERRED, InferenceBound.UTILIZATION));
  }

  @Test
  void unservedHoursEndProvisionedConcurrencyAndSilencesNextToThemAreUnknown() {
    List<AllocationSpan> spans =
        new Hours()
            .served(0, 2, 4)
            .unserved(3)
            .unserved(4)
            .served(6, 1, 4)
            .served(7, 1, 4)
            .infer(10, false);

    assertThat(spans)
        .containsExactly(
            span(0, 1, 4, Provenance.INFERRED, InferenceBound.UTILIZATION),
            span(1, 3, 0, Provenance.UNKNOWN, InferenceBound.NO_EVIDENCE),
            span(3, 5, 0, Provenance.INFERRED, InferenceBound.UNSERVED),
            span(5, 6, 0, Provenance.UNKNOWN, InferenceBound.NO_EVIDENCE),
            span(6, 8, 4, Provenance.INFERRED, InferenceBound.UTILIZATION),
            span(8, 10, 0, Provenance.UNKNOWN, InferenceBound.NO_EVIDENCE));
  }

  @Test
  void aTrailingSilenceIsBridgedWhenProvisionedConcurrencyIsObservedAtTheEnd() {
    List<AllocationSpan> spans = new Hours().served(2, 1, 5).infer(6, true);

    assertThat(spans)
        .containsExactly(
            span(0, 2, 0, Provenance.UNKNOWN, InferenceBound.NO_EVIDENCE),
            span(2, 6, 5, Provenance.INFERRED, InferenceBound.UTILIZATION));
  }

  @Test
  void withoutUtilizationThePeakExecutionsAreALowerBound() {
    List<AllocationSpan> spans =
        new Hours().servedWithoutUtilization(0, 2).servedWithoutUtilization(1, 3).infer(2, false);

    assertThat(spans)
        .containsExactly(span(0, 2, 3, Provenance.INFERRED, InferenceBound.EXECUTIONS));
  }

  @Test
  void aNewAmountStartsANewPeriod() {
    List<AllocationSpan> spans = new Hours().served(0, 2, 5).served(2, 4, 10).infer(3, false);

    assertThat(spans)
        .containsExactly(
            span(0, 2, 5, Provenance.INFERRED, InferenceBound.UTILIZATION),
            span(2, 3, 10, Provenance.INFERRED, InferenceBound.UTILIZATION));
  }

  @Test
  void noEvidenceAtAllIsUnknownThroughout() {
    assertThat(new Hours().infer(24, true))
        .containsExactly(span(0, 24, 0, Provenance.UNKNOWN, InferenceBound.NO_EVIDENCE));
  }
}
