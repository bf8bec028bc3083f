package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.REGION;
import static io.lambdaledger.db.Fixtures.armConfig;
import static io.lambdaledger.db.Fixtures.function;
import static io.lambdaledger.db.Fixtures.key;
import static io.lambdaledger.db.Fixtures.listing;
import static io.lambdaledger.db.Fixtures.sample;
import static io.lambdaledger.db.Fixtures.t;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore.ConfigurationSpan;
import io.lambdaledger.db.HistoryStore.Rebuilt;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two rollup recomputations of the same function and hour at once: the window's own one (started
 * before the history pass stored the configuration rebuilt from CloudTrail, so it prices the hour
 * with the first observed one) and the history pass's one (with the rebuilt configuration). Each
 * replaces the hour's rows by the ones of the configuration it sees; unless they are serialized,
 * neither sees the other's uncommitted row and both rows survive: the hour's requests counted twice
 * (the demo's October read 2.1 % too many requests when its backfill and live cycle overlapped).
 */
class ConcurrentRollupTest {

  private static final Clock CLOCK = Clock.fixed(t("2026-11-03T09:00:00Z"), ZoneOffset.UTC);
  private static final Instant SEEN = t("2026-11-03T08:55:00Z");
  private static final Instant FROM = t("2026-08-05T10:00:00Z");
  private static final Instant HOUR = t("2026-10-01T00:00:00Z");
  private static final FunctionConfiguration ARM = armConfig(1024);

  @OnEachDatabase
  void aRollupRacingTheHistoryPassRecomputationCountsTheHourOnce(DatabaseKind kind)
      throws Exception {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      new InventoryStore(db.dsl()).recordListing(listing(SEEN, function("api", 1024)));
      new MetricSampleStore(db.dsl()).upsert(List.of(sample(key("api"), HOUR, 3600, 100, "1000")));
      long id =
          db.dsl()
              .select(LAMBDA_FUNCTION.ID)
              .from(LAMBDA_FUNCTION)
              .where(LAMBDA_FUNCTION.FUNCTION_NAME.eq("api"))
              .fetchOne(LAMBDA_FUNCTION.ID);
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), CLOCK);
      HistoryStore history = new HistoryStore(db.dsl(), CLOCK);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch windowWritten = new CountDownLatch(1);
        CountDownLatch commitWindow = new CountDownLatch(1);
        // the window's rollup: priced before any history existed, committed late
        Future<?> window =
            threads.submit(
                () ->
                    db.dsl()
                        .transaction(
                            tx -> {
                              new RollupWriter(
                                      tx.dsl(),
                                      List.of(id),
                                      HOUR,
                                      HOUR.plusSeconds(3600),
                                      CLOCK.instant())
                                  .write();
                              windowWritten.countDown();
                              commitWindow.await();
                            }));
        assertThat(windowWritten.await(60, TimeUnit.SECONDS)).isTrue();
        // meanwhile the history pass stores arm64 for October and recomputes the hour
        history.replace(
            ACCOUNT,
            REGION,
            List.of(
                new Rebuilt(
                    "api",
                    FROM,
                    SEEN,
                    List.of(new ConfigurationSpan(FROM, SEEN, ARM, Provenance.CLOUDTRAIL)),
                    List.of())));
        Future<?> pass =
            threads.submit(
                () -> rollups.recompute(List.of(key("api")), HOUR, HOUR.plusSeconds(3600)));
        try {
          pass.get(2, TimeUnit.SECONDS); // finishes unless it waits for the window's rollup
        } catch (TimeoutException waiting) {
          // serialized: it goes on once the window's rollup committed
        }
        commitWindow.countDown();
        window.get(60, TimeUnit.SECONDS);
        pass.get(60, TimeUnit.SECONDS);
      } finally {
        threads.shutdownNow();
      }

      List<FunctionUsage> october =
          rollups.usageByFunction(UsageQuery.between(HOUR, t("2026-11-01T00:00:00Z")));
      assertThat(october)
          .extracting(u -> u.configuration().architecture(), u -> u.usage().requests())
          .containsExactly(org.assertj.core.groups.Tuple.tuple(Architecture.ARM64, 100L));
    }
  }
}
