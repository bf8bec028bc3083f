package io.lambdaledger.collector;

import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.collector.history.HistoryPass;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.InferenceBound;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.ConfigUsage;
import io.lambdaledger.sim.FunctionTruth;
import io.lambdaledger.sim.Truth;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/**
 * A backfill older than CloudTrail's 90 days: CloudTrail rebuilds what it reaches, and the
 * provisioned concurrency before that is inferred from CloudWatch's per-alias metrics, INFERRED
 * with the bound used, up to where CloudTrail's history starts.
 */
class BeyondCloudTrailTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final Instant FROM = Instant.parse("2026-08-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-08-04T00:00:00Z");

  @Test
  void provisionedConcurrencyOlderThanCloudTrailReachesIsInferredFromCloudWatch() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            CollectorHarness.simulation(120, 11, Instant.parse("2026-07-01T00:00:00Z")),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);

      assertThat(collector.backfill(FROM, TO, Progress.none()).succeeded()).isTrue();

      Instant cloudTrailFrom =
          new HistoryStore(harness.dsl(), harness.clock)
              .cursor(harness.account(), CollectorHarness.REGION, HistoryPass.CLOUDTRAIL)
              .orElseThrow()
              .readFrom();
      Map<String, Integer> provisioned = new HashMap<>();
      Truth truth = harness.sim.truth(FROM, TO);
      for (FunctionTruth function : truth.functions()) {
        for (ConfigUsage usage : function.configs()) {
          if (usage.provisionedSeconds() > 0) {
            provisioned.put(function.name(), usage.provisionedConcurrency());
          }
        }
      }
      Map<String, FunctionProvenance> august = new HashMap<>();
      new HistoryStore(harness.dsl(), harness.clock)
          .provenance(YearMonth.of(2026, 8), AccountScope.all())
          .forEach(p -> august.put(p.function().name(), p));
      List<Record> inferredRows =
          harness
              .dsl()
              .select(
                  LAMBDA_FUNCTION.FUNCTION_NAME,
                  PROVISIONED_CONCURRENCY.VALID_FROM,
                  PROVISIONED_CONCURRENCY.VALID_TO,
                  PROVISIONED_CONCURRENCY.PROVENANCE,
                  PROVISIONED_CONCURRENCY.INFERRED_BOUND)
              .from(PROVISIONED_CONCURRENCY)
              .join(LAMBDA_FUNCTION)
              .on(LAMBDA_FUNCTION.ID.eq(PROVISIONED_CONCURRENCY.FUNCTION_ID))
              .where(PROVISIONED_CONCURRENCY.INFERRED_BOUND.isNotNull())
              .fetch()
              .stream()
              .map(row -> (Record) row)
              .toList();

      assertThat(provisioned).isNotEmpty();
      assertThat(provisioned)
          .allSatisfy(
              (name, amount) -> {
                FunctionProvenance p = august.get(name);
                assertThat(p).as(name).isNotNull();
                assertThat(p.provenance()).as(name).isIn(Provenance.INFERRED, Provenance.UNKNOWN);
                assertThat(p.inferredConcurrency()).as(name).isNotNull();
                assertThat(p.inferredConcurrency().allocatedAtLeast()).as(name).isEqualTo(amount);
                assertThat(p.inferredConcurrency().bound())
                    .as(name)
                    .isEqualTo(InferenceBound.UTILIZATION);
                assertThat(p.inferredConcurrency().gbSeconds()).as(name).isPositive();
              });
      // inferred from the backfill's start up to where CloudTrail's history begins, not beyond
      assertThat(inferredRows)
          .isNotEmpty()
          .allSatisfy(
              row -> {
                assertThat(row.get(PROVISIONED_CONCURRENCY.VALID_FROM)).isAfterOrEqualTo(FROM);
                assertThat(row.get(PROVISIONED_CONCURRENCY.VALID_TO))
                    .isBeforeOrEqualTo(cloudTrailFrom);
              });
      assertThat(
              inferredRows.stream()
                  .map(row -> row.get(PROVISIONED_CONCURRENCY.VALID_TO))
                  .max(Instant::compareTo)
                  .orElseThrow())
          .isEqualTo(cloudTrailFrom);
    }
  }
}
