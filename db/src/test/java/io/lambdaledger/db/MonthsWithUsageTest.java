package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.OTHER_ACCOUNT;
import static io.lambdaledger.db.Fixtures.REGION;
import static io.lambdaledger.db.Fixtures.config;
import static io.lambdaledger.db.Fixtures.function;
import static io.lambdaledger.db.Fixtures.key;
import static io.lambdaledger.db.Fixtures.listing;
import static io.lambdaledger.db.Fixtures.sample;
import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class MonthsWithUsageTest {

  private static final Instant SEPTEMBER = t("2026-09-01T00:00:00Z");
  private static final Instant OCTOBER = t("2026-10-01T00:00:00Z");
  private static final FunctionKey OTHER = new FunctionKey(OTHER_ACCOUNT, REGION, "other");

  @OnEachDatabase
  void each_account_and_month_with_usage_counts_its_functions_once_newest_month_first(
      DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      InventoryStore inventory = new InventoryStore(db.dsl());
      Instant seen = SEPTEMBER.minusSeconds(86_400);
      inventory.recordListing(listing(seen, function("api", 1024), function("worker", 512)));
      inventory.recordListing(
          new InventoryListing(
              OTHER_ACCOUNT,
              REGION,
              seen,
              List.of(function(OTHER, config(256), Map.of(), List.of())),
              true));
      // api in September and October, with a memory change in October (two rows, one function);
      // worker in October only; the other account's function in September only.
      inventory.recordListing(
          listing(OCTOBER.plusSeconds(86_400), function("api", 2048), function("worker", 512)));
      MetricSampleStore samples = new MetricSampleStore(db.dsl());
      samples.upsert(
          List.of(
              sample(key("api"), SEPTEMBER.plusSeconds(3600), 300, 10, "1000"),
              sample(key("api"), OCTOBER, 300, 10, "1000"),
              sample(key("api"), OCTOBER.plusSeconds(2 * 86_400), 300, 10, "1000"),
              sample(key("worker"), OCTOBER.plusSeconds(3600), 300, 5, "500"),
              sample(OTHER, SEPTEMBER.plusSeconds(7200), 300, 1, "20")));
      UsageRollupStore rollups = new UsageRollupStore(db.dsl());
      rollups.recomputeAll(SEPTEMBER, t("2026-11-01T00:00:00Z"));

      assertThat(rollups.monthsWithUsage())
          .containsExactly(
              new UsageRollupStore.AccountMonth(ACCOUNT, OCTOBER, 2),
              new UsageRollupStore.AccountMonth(ACCOUNT, SEPTEMBER, 1),
              new UsageRollupStore.AccountMonth(OTHER_ACCOUNT, SEPTEMBER, 1));
    }
  }
}
