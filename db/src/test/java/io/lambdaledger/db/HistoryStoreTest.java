package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.REGION;
import static io.lambdaledger.db.Fixtures.armConfig;
import static io.lambdaledger.db.Fixtures.config;
import static io.lambdaledger.db.Fixtures.function;
import static io.lambdaledger.db.Fixtures.key;
import static io.lambdaledger.db.Fixtures.listing;
import static io.lambdaledger.db.Fixtures.sample;
import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.InferenceBound;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.db.HistoryStore.AllocationSpan;
import io.lambdaledger.db.HistoryStore.ConfigurationSpan;
import io.lambdaledger.db.HistoryStore.Cursor;
import io.lambdaledger.db.HistoryStore.Rebuilt;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

class HistoryStoreTest {

  private static final Clock CLOCK = Clock.fixed(t("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
  private static final Instant SEEN = t("2026-12-06T10:00:00Z");
  private static final Instant FROM = t("2026-09-07T12:00:00Z");
  private static final Instant CHANGE = t("2026-11-14T09:00:00Z");
  private static final FunctionConfiguration ARM = armConfig(1024);

  /** Lists "api" on SEEN with 1024 MB x86 and 5 provisioned on "live", "idle" with 128 MB. */
  private static InventoryStore listBoth(TestDatabase db) {
    InventoryStore inventory = new InventoryStore(db.dsl());
    inventory.recordListing(
        listing(
            SEEN,
            function(
                key("api"), config(1024), Map.of(), List.of(new ProvisionedConcurrency("live", 5))),
            function("idle", 128)));
    return inventory;
  }

  /** arm64 until mid-November, x86 since; PC from September on, with a gap in November. */
  private static Rebuilt apiHistory() {
    return apiHistory(
        FROM,
        new AllocationSpan("live", FROM, t("2026-11-03T00:00:00Z"), 5, Provenance.INFERRED),
        new AllocationSpan("live", t("2026-11-05T00:00:00Z"), SEEN, 5, Provenance.CLOUDTRAIL));
  }

  /** arm64 from {@code from} until mid-November, x86 since; PC as given. */
  private static Rebuilt apiHistory(Instant from, AllocationSpan... allocations) {
    return new Rebuilt(
        "api",
        from,
        SEEN,
        List.of(
            new ConfigurationSpan(from, CHANGE, ARM, Provenance.CLOUDTRAIL),
            new ConfigurationSpan(CHANGE, SEEN, config(1024), Provenance.CLOUDTRAIL)),
        List.of(allocations));
  }

  @OnEachDatabase
  void rebuiltHistoryLandsBeforeTheFirstObservationAndIsPricedPerSide(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      InventoryStore inventory = listBoth(db);
      HistoryStore history = new HistoryStore(db.dsl(), CLOCK);

      HistoryStore.FirstObservation first = history.firstObservations(ACCOUNT, REGION).get("api");
      assertThat(first.at()).isEqualTo(SEEN);
      assertThat(first.configuration()).isEqualTo(config(1024));
      assertThat(first.provisioned()).containsExactly(Map.entry("live", 5));

      assertThat(history.replace(ACCOUNT, REGION, List.of(apiHistory())))
          .containsExactly(key("api"));
      history.replace(ACCOUNT, REGION, List.of(apiHistory())); // idempotent

      assertThat(inventory.configurationHistory(key("api")))
          .extracting(p -> p.validFrom(), p -> p.validTo(), p -> p.configuration().architecture())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(FROM, CHANGE, Architecture.ARM64),
              org.assertj.core.groups.Tuple.tuple(CHANGE, SEEN, Architecture.X86_64),
              org.assertj.core.groups.Tuple.tuple(SEEN, null, Architecture.X86_64));
      assertThat(inventory.provisionedConcurrencyHistory(key("api"))).hasSize(3);

      new MetricSampleStore(db.dsl())
          .upsert(
              List.of(
                  sample(key("api"), t("2026-11-10T00:00:00Z"), 3600, 100, "1000"),
                  sample(key("api"), t("2026-11-20T00:00:00Z"), 3600, 100, "1000")));
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), CLOCK);
      rollups.recompute(List.of(key("api")), t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"));
      List<io.lambdaledger.core.model.FunctionUsage> november =
          rollups.usageByFunction(
              UsageQuery.between(t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z")));
      // one row per side of the architecture change; PC for 28 days of November (gap of 2)
      assertThat(november)
          .extracting(u -> u.configuration().architecture())
          .containsExactlyInAnyOrder(Architecture.ARM64, Architecture.X86_64);
      BigDecimal pcSeconds =
          november.stream()
              .map(u -> u.usage().provisionedConcurrencySeconds())
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(pcSeconds).isEqualByComparingTo(BigDecimal.valueOf(5L * 28 * 86_400));
    }
  }

  @OnEachDatabase
  void theWeakestProvenanceOfAMonthIsReportedPerFunction(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      listBoth(db);
      HistoryStore history = new HistoryStore(db.dsl(), CLOCK);
      history.replace(ACCOUNT, REGION, List.of(apiHistory()));
      new MetricSampleStore(db.dsl())
          .upsert(
              List.of(
                  sample(key("idle"), t("2026-11-10T00:00:00Z"), 3600, 100, "1000"),
                  sample(key("api"), t("2026-12-06T11:00:00Z"), 3600, 100, "1000")));
      new UsageRollupStore(db.dsl(), CLOCK)
          .recomputeAll(t("2026-11-01T00:00:00Z"), t("2026-12-07T00:00:00Z"));

      assertThat(history.provenance(YearMonth.of(2026, 11), AccountScope.all()))
          .extracting(FunctionProvenance::function, FunctionProvenance::provenance)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(key("api"), Provenance.INFERRED),
              org.assertj.core.groups.Tuple.tuple(key("idle"), Provenance.UNKNOWN));
      // the INFERRED 5 on "live" from 1 to 3 November at 1024 MB: 5 × 2 days × 1 GB
      assertThat(history.provenance(YearMonth.of(2026, 11), AccountScope.all()).get(0))
          .extracting(FunctionProvenance::pcGbSecondsAtRisk)
          .satisfies(
              atRisk ->
                  assertThat(atRisk).isEqualByComparingTo(BigDecimal.valueOf(5L * 2 * 86_400)));
      assertThat(history.provenance(YearMonth.of(2026, 11), AccountScope.all()).get(1))
          .extracting(FunctionProvenance::pcGbSecondsAtRisk)
          .isNull();
      assertThat(history.provenance(YearMonth.of(2026, 12), AccountScope.all()))
          .extracting(FunctionProvenance::function, FunctionProvenance::provenance)
          .contains(org.assertj.core.groups.Tuple.tuple(key("api"), Provenance.CLOUDTRAIL));
      assertThat(
              history.provenance(
                  YearMonth.of(2026, 11), AccountScope.only(List.of("999999999999"))))
          .isEmpty();
    }
  }

  @OnEachDatabase
  void aCursorIsCreatedAndMovedPerShardAndSource(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      HistoryStore history = new HistoryStore(db.dsl(), CLOCK);
      assertThat(history.cursor(ACCOUNT, REGION, "CLOUDTRAIL")).isEmpty();

      history.saveCursor(new Cursor(ACCOUNT, REGION, "CLOUDTRAIL", FROM, SEEN, false));
      history.saveCursor(
          new Cursor(ACCOUNT, REGION, "CLOUDTRAIL", FROM, SEEN.plusSeconds(3600), false));

      assertThat(history.cursor(ACCOUNT, REGION, "CLOUDTRAIL"))
          .contains(new Cursor(ACCOUNT, REGION, "CLOUDTRAIL", FROM, SEEN.plusSeconds(3600), false));
      assertThat(history.cursor(ACCOUNT, "eu-west-1", "CLOUDTRAIL")).isEmpty();
    }
  }

  @OnEachDatabase
  void provisionedConcurrencyInferredFromCloudWatchIsSummedWithItsBoundAndWhatMayBeMissing(
      DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      listBoth(db);
      HistoryStore history = new HistoryStore(db.dsl(), CLOCK);
      Instant november = t("2026-11-01T00:00:00Z");
      // CloudTrail denied: only PC periods, no configuration before SEEN (1024 MB assumed)
      history.replace(
          ACCOUNT,
          REGION,
          List.of(
              new Rebuilt(
                  "api",
                  november,
                  SEEN,
                  List.of(),
                  List.of(
                      new AllocationSpan(
                          "live",
                          november,
                          t("2026-11-11T00:00:00Z"),
                          5,
                          Provenance.INFERRED,
                          InferenceBound.UTILIZATION),
                      new AllocationSpan(
                          "live",
                          t("2026-11-11T00:00:00Z"),
                          t("2026-11-12T00:00:00Z"),
                          0,
                          Provenance.UNKNOWN,
                          InferenceBound.NO_EVIDENCE),
                      new AllocationSpan(
                          "live",
                          t("2026-11-12T00:00:00Z"),
                          t("2026-11-13T00:00:00Z"),
                          0,
                          Provenance.INFERRED,
                          InferenceBound.UNSERVED),
                      new AllocationSpan(
                          "live",
                          t("2026-11-13T00:00:00Z"),
                          SEEN,
                          3,
                          Provenance.INFERRED,
                          InferenceBound.EXECUTIONS)))));
      new MetricSampleStore(db.dsl())
          .upsert(List.of(sample(key("api"), t("2026-11-10T00:00:00Z"), 3600, 100, "1000")));
      new UsageRollupStore(db.dsl(), CLOCK).recomputeAll(november, t("2026-12-07T00:00:00Z"));

      FunctionProvenance api =
          history.provenance(YearMonth.of(2026, 11), AccountScope.all()).stream()
              .filter(p -> p.function().equals(key("api")))
              .findFirst()
              .orElseThrow();

      assertThat(history.inferredFrom(ACCOUNT, REGION)).containsExactly(Map.entry("api", november));
      // usage before the earliest configuration: UNKNOWN, whatever was inferred
      assertThat(api.provenance()).isEqualTo(Provenance.UNKNOWN);
      assertThat(api.inferredConcurrency()).isNotNull();
      assertThat(api.inferredConcurrency().allocatedAtLeast()).isEqualTo(5);
      assertThat(api.inferredConcurrency().bound()).isEqualTo(InferenceBound.EXECUTIONS);
      // 5 × 10 days + 3 × 18 days (13 to 30 November) at 1 GB (the first observed 1024 MB)
      assertThat(api.inferredConcurrency().gbSeconds())
          .isEqualByComparingTo(BigDecimal.valueOf((5L * 10 + 3L * 18) * 86_400));
      // the day without evidence, had the 5 been there
      assertThat(api.inferredConcurrency().mayBeLowByGbSeconds())
          .isEqualByComparingTo(BigDecimal.valueOf(5L * 86_400));
    }
  }

  /**
   * Two passes of a shard that started seconds apart (a backfill run and the live cycle) read from
   * slightly different starts; whichever writes second must not leave the other's periods
   * overlapping its own, or the usage in both is priced twice.
   */
  @OnEachDatabase
  void historiesFromNearbyStartsNeverLeaveOverlappingPeriods(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      InventoryStore inventory = listBoth(db);
      HistoryStore history = new HistoryStore(db.dsl(), CLOCK);
      Instant later = FROM.plusSeconds(3);
      history.replace(ACCOUNT, REGION, List.of(apiHistory()));
      history.replace(
          ACCOUNT,
          REGION,
          List.of(
              apiHistory(
                  later,
                  new AllocationSpan(
                      "live", later, t("2026-11-03T00:00:00Z"), 5, Provenance.INFERRED))));

      List<io.lambdaledger.core.model.ConfigurationPeriod> configurations =
          inventory.configurationHistory(key("api"));
      for (int i = 1; i < configurations.size(); i++) {
        assertThat(configurations.get(i - 1).validTo())
            .isBeforeOrEqualTo(configurations.get(i).validFrom());
      }
      assertThat(configurations)
          .extracting(p -> p.validFrom(), p -> p.validTo())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(FROM, later),
              org.assertj.core.groups.Tuple.tuple(later, CHANGE),
              org.assertj.core.groups.Tuple.tuple(CHANGE, SEEN),
              org.assertj.core.groups.Tuple.tuple(SEEN, null));
      List<io.lambdaledger.core.model.ProvisionedConcurrencyPeriod> live =
          inventory.provisionedConcurrencyHistory(key("api")).stream()
              .sorted(
                  java.util.Comparator.comparing(
                      io.lambdaledger.core.model.ProvisionedConcurrencyPeriod::validFrom))
              .toList();
      for (int i = 1; i < live.size(); i++) {
        assertThat(live.get(i - 1).validTo()).isBeforeOrEqualTo(live.get(i).validFrom());
      }
    }
  }
}
