package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.OTHER_ACCOUNT;
import static io.lambdaledger.db.Fixtures.REGION;
import static io.lambdaledger.db.Fixtures.config;
import static io.lambdaledger.db.Fixtures.function;
import static io.lambdaledger.db.Fixtures.key;
import static io.lambdaledger.db.Fixtures.listing;
import static io.lambdaledger.db.Fixtures.t;
import static io.lambdaledger.db.Fixtures.withApiAndWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.core.model.UsageRollup;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

class UsageRollupStoreTest {

  private static final Instant DAY1 = t("2026-10-01T00:00:00Z");
  private static final Instant DAY3 = t("2026-10-03T00:00:00Z");
  private static final Clock LATER = Clock.fixed(t("2026-10-10T00:00:00Z"), ZoneOffset.UTC);
  private static final FunctionKey API = key("api");
  private static final FunctionKey WORKER = key("worker");
  private static final BillingConfiguration API_BILLING =
      new BillingConfiguration(1024, Architecture.X86_64, 512);

  /** Five-minute samples for both functions over two days, deterministic pseudo-random values. */
  private static List<MetricSample> twoDaysOfSamples(int seed) {
    Random random = new Random(seed);
    List<MetricSample> samples = new ArrayList<>();
    for (FunctionKey function : List.of(API, WORKER)) {
      for (Instant start = DAY1; start.isBefore(DAY3); start = start.plusSeconds(300)) {
        long invocations = random.nextInt(50);
        samples.add(
            MetricSample.builder(function, start, 300)
                .invocations(invocations)
                .durationMsSum(
                    BigDecimal.valueOf(
                        invocations * (40 + random.nextInt(400)) + random.nextInt(1000), 3))
                .errors(random.nextInt(3))
                .throttles(random.nextInt(2))
                .deadLetterErrors(random.nextInt(2))
                .iteratorAgeMaxMs(BigDecimal.valueOf(random.nextInt(100_000)))
                .collectedAt(start.plusSeconds(900))
                .build());
      }
    }
    return samples;
  }

  private record Expected(
      long requests,
      BigDecimal durationMs,
      long errors,
      long throttles,
      long dlq,
      BigDecimal iteratorMax) {
    static final Expected ZERO = new Expected(0, BigDecimal.ZERO, 0, 0, 0, null);

    Expected plus(MetricSample s) {
      BigDecimal age =
          iteratorMax == null || s.iteratorAgeMaxMs().compareTo(iteratorMax) > 0
              ? s.iteratorAgeMaxMs()
              : iteratorMax;
      return new Expected(
          requests + s.invocations(),
          durationMs.add(s.durationMsSum()),
          errors + s.errors(),
          throttles + s.throttles(),
          dlq + s.deadLetterErrors(),
          age);
    }

    static Expected of(UsageTotals u) {
      return new Expected(
          u.requests(),
          u.durationMsSum(),
          u.errors(),
          u.throttles(),
          u.deadLetterErrors(),
          u.iteratorAgeMaxMs());
    }

    boolean matches(UsageTotals u) {
      Expected actual = of(u);
      return actual.requests == requests
          && actual.durationMs.compareTo(durationMs) == 0
          && actual.errors == errors
          && actual.throttles == throttles
          && actual.dlq == dlq
          && actual.iteratorMax.compareTo(iteratorMax) == 0;
    }
  }

  /** Sums the samples per function and bucket, independently of the store. */
  private static Map<String, Expected> expected(
      List<MetricSample> samples, Function<Instant, Instant> bucket) {
    Map<String, Expected> sums = new TreeMap<>();
    for (MetricSample s : samples) {
      sums.merge(
          s.function().name() + "@" + bucket.apply(s.periodStart()),
          Expected.ZERO.plus(s),
          (a, b) -> {
            return new Expected(
                a.requests + b.requests,
                a.durationMs.add(b.durationMs),
                a.errors + b.errors,
                a.throttles + b.throttles,
                a.dlq + b.dlq,
                a.iteratorMax.max(b.iteratorMax));
          });
    }
    return sums;
  }

  private static Map<String, UsageTotals> actual(List<UsageRollup> rollups) {
    Map<String, UsageTotals> byKey = new TreeMap<>();
    for (UsageRollup r : rollups) {
      byKey.merge(r.function().name() + "@" + r.bucketStart(), r.usage(), UsageTotals::plus);
    }
    return byKey;
  }

  @OnEachDatabase
  void hourAndDayRollupsEqualTheSamplesTheyComeFrom(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      List<MetricSample> samples = twoDaysOfSamples(1);
      new MetricSampleStore(db.dsl()).upsert(samples);
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);

      RollupResult result = rollups.recompute(List.of(API, WORKER), DAY1, DAY3);

      assertThat(result).isEqualTo(new RollupResult(2, 96, 4, 2, 0));
      UsageQuery twoDays = UsageQuery.between(DAY1, DAY3);
      Map<String, Expected> hourly = expected(samples, i -> i.truncatedTo(ChronoUnit.HOURS));
      Map<String, UsageTotals> hours = actual(rollups.usageSeries(twoDays, Granularity.HOUR));
      assertThat(hours).hasSize(96).hasSameSizeAs(hourly);
      hourly.forEach((key, sum) -> assertThat(sum.matches(hours.get(key))).as(key).isTrue());
      Map<String, Expected> daily = expected(samples, i -> i.truncatedTo(ChronoUnit.DAYS));
      Map<String, UsageTotals> days = actual(rollups.usageSeries(twoDays, Granularity.DAY));
      assertThat(days).hasSize(4);
      daily.forEach((key, sum) -> assertThat(sum.matches(days.get(key))).as(key).isTrue());
      List<FunctionUsage> byFunction = rollups.usageByFunction(twoDays);
      Map<String, Expected> total = expected(samples, i -> DAY1);
      assertThat(byFunction).extracting(u -> u.function().name()).containsExactly("api", "worker");
      for (FunctionUsage usage : byFunction) {
        assertThat(total.get(usage.function().name() + "@" + DAY1).matches(usage.usage())).isTrue();
      }
      assertThat(byFunction.get(0).configuration()).isEqualTo(API_BILLING);
      assertThat(byFunction.get(0).payerAccountId()).isEqualTo(ACCOUNT);
    }
  }

  @OnEachDatabase
  void recomputingAgainOrOverlappingNeverCountsTwice(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      UsageRollupStore rollups = rolledUp(db, twoDaysOfSamples(2));
      UsageQuery twoDays = UsageQuery.between(DAY1, DAY3);
      List<UsageRollup> hoursBefore = rollups.usageSeries(twoDays, Granularity.HOUR);
      List<FunctionUsage> usageBefore = rollups.usageByFunction(twoDays);

      rollups.recompute(List.of(API, WORKER), DAY1, DAY3);
      rollups.recompute(List.of(API), DAY1.plusSeconds(7 * 3600 + 17), DAY1.plusSeconds(30 * 3600));
      rollups.recomputeAll(DAY1.plusSeconds(20 * 3600), DAY3);

      assertThat(rollups.usageSeries(twoDays, Granularity.HOUR)).isEqualTo(hoursBefore);
      assertThat(rollups.usageByFunction(twoDays)).isEqualTo(usageBefore);
    }
  }

  /** API's first period of DAY1 read again an hour later, with 12 invocations instead of 10. */
  private static MetricSample apiReadAgainLater() {
    return MetricSample.builder(API, DAY1, 300)
        .invocations(12)
        .durationMsSum(new BigDecimal("1300"))
        .collectedAt(DAY1.plusSeconds(3600))
        .build();
  }

  @OnEachDatabase
  void aLaterReadOfTheSamplesReplacesTheRollupInsteadOfAddingToIt(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      MetricSampleStore samples = new MetricSampleStore(db.dsl());
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);
      samples.upsert(List.of(Fixtures.sample(API, DAY1, 300, 10, "1000")));
      rollups.recompute(List.of(API), DAY1, DAY1.plusSeconds(300));

      samples.upsert(List.of(apiReadAgainLater()));
      rollups.recompute(List.of(API), DAY1, DAY1.plusSeconds(300));

      List<FunctionUsage> usage = rollups.usageByFunction(UsageQuery.between(DAY1, DAY3));
      assertThat(usage)
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.usage().requests()).isEqualTo(12);
                assertThat(u.usage().durationMsSum()).isEqualByComparingTo("1300");
              });
    }
  }

  @OnEachDatabase
  void theMonthStampChangesWhenTheMonthsUsageIsRewritten(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      MetricSampleStore samples = new MetricSampleStore(db.dsl());
      Instant october = DAY1;
      Instant september = t("2026-09-01T00:00:00Z");
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);
      assertThat(rollups.monthStamp(october))
          .isEqualTo(new UsageRollupStore.MonthStamp(0, null, BigDecimal.ZERO));

      samples.upsert(List.of(Fixtures.sample(API, DAY1, 300, 10, "1000")));
      rollups.recompute(List.of(API), DAY1, DAY1.plusSeconds(300));
      UsageRollupStore.MonthStamp first = rollups.monthStamp(october);
      assertThat(first.rows()).isEqualTo(1);
      assertThat(first.requests()).isEqualByComparingTo("10");
      assertThat(first.lastComputedAt()).isEqualTo(LATER.instant());

      // The same samples again, at the same (fixed) time: nothing changed, same stamp.
      rollups.recompute(List.of(API), DAY1, DAY1.plusSeconds(300));
      assertThat(rollups.monthStamp(october)).isEqualTo(first);

      // A later read of the same period, still at the same fixed time: the requests tell.
      samples.upsert(List.of(apiReadAgainLater()));
      rollups.recompute(List.of(API), DAY1, DAY1.plusSeconds(300));
      assertThat(rollups.monthStamp(october)).isNotEqualTo(first);

      // Another function's first usage, written later: one more row, a later stamp.
      UsageRollupStore later =
          new UsageRollupStore(db.dsl(), Clock.offset(LATER, java.time.Duration.ofMinutes(5)));
      samples.upsert(List.of(Fixtures.sample(WORKER, DAY1, 300, 3, "90")));
      later.recompute(List.of(WORKER), DAY1, DAY1.plusSeconds(300));
      assertThat(later.monthStamp(october).rows()).isEqualTo(2);
      assertThat(later.monthStamp(october).lastComputedAt())
          .isEqualTo(LATER.instant().plusSeconds(300));
      assertThat(later.monthStamp(september))
          .isEqualTo(new UsageRollupStore.MonthStamp(0, null, BigDecimal.ZERO));
    }
  }

  @OnEachDatabase
  void rowsOfAConfigurationNoLongerInForceAreRemovedByRecomputation(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      FunctionKey a = key("a");
      FunctionKey b = key("b");
      FunctionKey c = key("c");
      new InventoryStore(db.dsl())
          .recordListing(
              listing(DAY1, function("a", 1024), function("b", 1024), function("c", 1024)));
      oneSampleEach(db, 100, a, b, c);
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);
      rollups.recompute(List.of(a, b, c), DAY1, DAY1.plusSeconds(3600));
      // b gets a row priced with a configuration its history does not have for that hour
      var hour = io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
      var bogus = db.dsl().selectFrom(hour).where(hour.REQUESTS.eq(2L)).fetchOne();
      bogus.setMemoryMb(3008);
      db.dsl().insertInto(hour).set(bogus).execute();

      rollups.recompute(List.of(a, c), DAY1, DAY1.plusSeconds(3600));
      int afterNeighbours = db.dsl().fetchCount(hour);
      rollups.recompute(List.of(b), DAY1, DAY1.plusSeconds(3600));

      assertThat(afterNeighbours).isEqualTo(4);
      assertThat(db.dsl().fetchCount(hour)).isEqualTo(3);
      assertThat(rollups.usageByFunction(UsageQuery.between(DAY1, DAY3)))
          .extracting(u -> u.configuration().memoryMb())
          .containsOnly(1024);
    }
  }

  @OnEachDatabase
  void aMidDayMemoryChangeGivesOneRowPerConfiguration(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      InventoryStore inventory = new InventoryStore(db.dsl());
      inventory.recordListing(listing(DAY1, function("api", 1024)));
      inventory.recordListing(listing(DAY1.plusSeconds(12 * 3600 + 1800), function("api", 2048)));
      List<MetricSample> samples = new ArrayList<>();
      for (Instant start = DAY1;
          start.isBefore(DAY1.plusSeconds(86_400));
          start = start.plusSeconds(300)) {
        samples.add(Fixtures.sample(API, start, 300, 1, "100"));
      }
      new MetricSampleStore(db.dsl()).upsert(samples);
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);

      rollups.recompute(List.of(API), DAY1, DAY1.plusSeconds(86_400));

      UsageQuery day =
          UsageQuery.between(DAY1, DAY1.plusSeconds(86_400)).withFunctions(List.of(API));
      List<FunctionUsage> usage = rollups.usageByFunction(day);
      assertThat(usage).extracting(u -> u.configuration().memoryMb()).containsExactly(1024, 2048);
      assertThat(usage).extracting(u -> u.usage().requests()).containsExactly(150L, 138L);
      assertThat(usage.get(0).usage().durationMsSum()).isEqualByComparingTo("15000");
      assertThat(usage.get(1).usage().durationMsSum()).isEqualByComparingTo("13800");
      List<UsageRollup> noon =
          rollups.usageSeries(
              UsageQuery.between(DAY1.plusSeconds(12 * 3600), DAY1.plusSeconds(13 * 3600)),
              Granularity.HOUR);
      assertThat(noon).extracting(r -> r.usage().requests()).containsExactly(6L, 6L);
      assertThat(rollups.usageSeries(day, Granularity.DAY)).hasSize(2);
    }
  }

  @OnEachDatabase
  void rollupsSurviveTheRetentionOfTheirSamples(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      MetricSampleStore samples = new MetricSampleStore(db.dsl());
      samples.upsert(twoDaysOfSamples(3));
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);
      rollups.recompute(List.of(API, WORKER), DAY1, DAY3);
      UsageQuery twoDays = UsageQuery.between(DAY1, DAY3);
      List<FunctionUsage> before = rollups.usageByFunction(twoDays);

      samples.deleteOlderThan(DAY1.plusSeconds(86_400));
      rollups.recompute(List.of(API, WORKER), DAY1, DAY3);

      assertThat(rollups.usageByFunction(twoDays)).isEqualTo(before);
    }
  }

  @OnEachDatabase
  void provisionedConcurrencyIsRolledUpEvenWithoutInvocations(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      new InventoryStore(db.dsl())
          .recordListing(
              listing(
                  DAY1,
                  function(
                      API,
                      config(2048),
                      Map.of(),
                      List.of(new ProvisionedConcurrency("live", 4)))));
      UsageRollupStore rollups =
          new UsageRollupStore(
              db.dsl(), Clock.fixed(DAY1.plusSeconds(2 * 3600 + 900), ZoneOffset.UTC));

      RollupResult result = rollups.recomputeAll(DAY1, DAY1.plusSeconds(3 * 3600));

      assertThat(result.hourRows()).isEqualTo(3);
      FunctionUsage usage = rollups.usageByFunction(UsageQuery.between(DAY1, DAY3)).get(0);
      assertThat(usage.usage().requests()).isZero();
      // 4 × 2.25 h = 32,400 allocated seconds, × 2 GB
      assertThat(usage.usage().provisionedConcurrencySeconds()).isEqualByComparingTo("32400");
      assertThat(usage.usage().provisionedConcurrencyGbSeconds()).isEqualByComparingTo("64800");
    }
  }

  @OnEachDatabase
  void aWindowInsideDaysReadsTheHoursAtItsEdges(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      List<MetricSample> samples = twoDaysOfSamples(4);
      UsageRollupStore rollups = rolledUp(db, samples);
      Instant from = DAY1.plusSeconds(6 * 3600);
      Instant to = DAY1.plusSeconds(42 * 3600);

      List<FunctionUsage> usage =
          rollups.usageByFunction(UsageQuery.between(from, to).withFunctions(List.of(API)));
      List<UsageRollup> days =
          rollups.usageSeries(
              UsageQuery.between(from, to).withFunctions(List.of(API)), Granularity.DAY);

      long expectedRequests =
          samples.stream()
              .filter(s -> s.function().equals(API))
              .filter(s -> !s.periodStart().isBefore(from) && s.periodStart().isBefore(to))
              .mapToLong(MetricSample::invocations)
              .sum();
      assertThat(usage)
          .singleElement()
          .satisfies(u -> assertThat(u.usage().requests()).isEqualTo(expectedRequests));
      assertThat(days)
          .extracting(UsageRollup::bucketStart)
          .containsExactly(DAY1, DAY1.plusSeconds(86_400));
      assertThat(days.stream().mapToLong(r -> r.usage().requests()).sum())
          .isEqualTo(expectedRequests);
    }
  }

  @OnEachDatabase
  void monthToDateIsReadFromTheMonthRollupAndOtherWindowsFromDaysAndHours(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      List<MetricSample> samples = twoDaysOfSamples(5);
      UsageRollupStore rollups = rolledUp(db, samples);
      long apiRequests =
          samples.stream()
              .filter(s -> s.function().equals(API))
              .mapToLong(MetricSample::invocations)
              .sum();
      UsageQuery monthToDate =
          UsageQuery.between(DAY1, t("2026-10-10T15:00:00Z")).withFunctions(List.of(API));
      UsageQuery fromSixAm =
          UsageQuery.between(DAY1.plusSeconds(6 * 3600), DAY3).withFunctions(List.of(API));
      long apiFromSixAm =
          samples.stream()
              .filter(
                  s ->
                      s.function().equals(API)
                          && !s.periodStart().isBefore(DAY1.plusSeconds(6 * 3600)))
              .mapToLong(MetricSample::invocations)
              .sum();
      assertThat(rollups.usageByFunction(monthToDate).get(0).usage().requests())
          .isEqualTo(apiRequests);
      assertThat(rollups.usageByFunction(fromSixAm).get(0).usage().requests())
          .isEqualTo(apiFromSixAm);

      // Tamper with the month rollup only: the month-to-date read must see it, the other not.
      db.dsl()
          .update(io.lambdaledger.db.jooq.Tables.USAGE_MONTH)
          .set(
              io.lambdaledger.db.jooq.Tables.USAGE_MONTH.REQUESTS,
              io.lambdaledger.db.jooq.Tables.USAGE_MONTH.REQUESTS.plus(1_000_000))
          .execute();

      assertThat(rollups.usageByFunction(monthToDate).get(0).usage().requests())
          .isEqualTo(apiRequests + 1_000_000);
      assertThat(rollups.usageByFunction(fromSixAm).get(0).usage().requests())
          .isEqualTo(apiFromSixAm);
      assertThat(rollups.usageByFunction(UsageQuery.month(java.time.YearMonth.of(2026, 10))))
          .extracting(u -> u.usage().requests())
          .allMatch(requests -> requests > 1_000_000);
    }
  }

  @OnEachDatabase
  void aWindowAcrossTwoMonthsAddsBoth(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, DAY1)) {
      Instant lateSeptember = t("2026-09-30T22:00:00Z");
      List<MetricSample> samples = new ArrayList<>();
      for (Instant start = lateSeptember;
          start.isBefore(t("2026-10-01T02:00:00Z"));
          start = start.plusSeconds(300)) {
        samples.add(Fixtures.sample(API, start, 300, 2, "20"));
      }
      new MetricSampleStore(db.dsl()).upsert(samples);
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);

      RollupResult result =
          rollups.recompute(List.of(API), lateSeptember, t("2026-10-01T02:00:00Z"));

      assertThat(result.monthRows()).isEqualTo(2);
      assertThat(
              rollups
                  .usageByFunction(
                      UsageQuery.between(t("2026-09-30T23:00:00Z"), t("2026-10-01T01:00:00Z")))
                  .get(0)
                  .usage()
                  .requests())
          .isEqualTo(2 * 24);
      assertThat(
              rollups
                  .usageByFunction(
                      UsageQuery.between(t("2026-09-01T00:00:00Z"), t("2026-11-01T00:00:00Z")))
                  .get(0)
                  .usage()
                  .requests())
          .isEqualTo(2 * 48);
      assertThat(
              rollups
                  .usageByFunction(UsageQuery.month(java.time.YearMonth.of(2026, 9)))
                  .get(0)
                  .usage()
                  .requests())
          .isEqualTo(2 * 24);
    }
  }

  @OnEachDatabase
  void readsHonourTheScopeAndTheFilters(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      InventoryStore inventory = new InventoryStore(db.dsl());
      inventory.recordListing(
          listing(
              DAY1,
              function(API, config(1024), Map.of("team", "payments"), List.of()),
              function(WORKER, config(512), Map.of("team", "search"), List.of())));
      FunctionKey cart = new FunctionKey(OTHER_ACCOUNT, "eu-west-1", "cart");
      inventory.recordListing(
          new InventoryListing(
              OTHER_ACCOUNT,
              "eu-west-1",
              DAY1,
              List.of(function(cart, config(256), Map.of(), List.of())),
              true));
      oneSampleEach(db, 1, API, WORKER, cart);
      UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);
      rollups.recomputeAll(DAY1, DAY3);
      UsageQuery all = UsageQuery.between(DAY1, DAY3);

      assertThat(names(rollups.usageByFunction(all))).containsExactly("api", "worker", "cart");
      assertThat(
              names(
                  rollups.usageByFunction(
                      all.withScope(AccountScope.only(List.of(OTHER_ACCOUNT))))))
          .containsExactly("cart");
      assertThat(rollups.usageByFunction(all.withScope(AccountScope.only(List.of())))).isEmpty();
      assertThat(names(rollups.usageByFunction(all.withRegions(List.of(REGION)))))
          .containsExactly("api", "worker");
      assertThat(names(rollups.usageByFunction(all.withTags(Map.of("team", "search")))))
          .containsExactly("worker");
      assertThat(names(rollups.usageByFunction(all.withFunctions(List.of(cart, API)))))
          .containsExactly("api", "cart");
      assertThat(
              rollups.usageSeries(
                  all.withScope(AccountScope.only(List.of(ACCOUNT))), Granularity.HOUR))
          .extracting(r -> r.function().name())
          .containsExactly("api", "worker");
      assertThat(inventory.findFunction(API).orElseThrow().lastActivity()).isEqualTo(DAY1);
    }
  }

  /** Writes the samples and rolls up API and WORKER over DAY1 to DAY3. */
  private static UsageRollupStore rolledUp(TestDatabase db, List<MetricSample> samples) {
    new MetricSampleStore(db.dsl()).upsert(samples);
    UsageRollupStore rollups = new UsageRollupStore(db.dsl(), LATER);
    rollups.recompute(List.of(API, WORKER), DAY1, DAY3);
    return rollups;
  }

  /**
   * Writes one five-minute sample on DAY1 per function: the n-th (from 1) with n invocations of n
   * times {@code durationMs} in all.
   */
  private static void oneSampleEach(TestDatabase db, long durationMs, FunctionKey... functions) {
    List<MetricSample> samples = new ArrayList<>();
    for (int n = 1; n <= functions.length; n++) {
      samples.add(Fixtures.sample(functions[n - 1], DAY1, 300, n, Long.toString(n * durationMs)));
    }
    new MetricSampleStore(db.dsl()).upsert(samples);
  }

  private static List<String> names(List<FunctionUsage> usage) {
    return usage.stream().map(u -> u.function().name()).toList();
  }
}
