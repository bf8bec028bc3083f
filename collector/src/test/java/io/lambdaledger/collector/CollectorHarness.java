package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.UsageRollup;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.Granularity;
import io.lambdaledger.db.UsageQuery;
import io.lambdaledger.db.UsageRollupStore;
import io.lambdaledger.db.WatermarkStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.MutableClock;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.FunctionTruth;
import io.lambdaledger.sim.SimulatorSettings;
import io.lambdaledger.sim.Truth;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * A simulator, a fresh database and a collector pointed at both with the real SDK, sharing one
 * clock the test moves.
 */
final class CollectorHarness implements AutoCloseable {

  static final String REGION = "us-east-1";

  /** Retries fast: the simulator's faults are meant to be retried, not waited for. */
  static final RetrySettings FAST_RETRIES =
      new RetrySettings(10, Duration.ofMillis(5), Duration.ofMillis(20));

  final MutableClock clock;
  final AwsSimulator sim;
  final Database database;
  final DatabaseSettings databaseSettings;
  private final AutoCloseable databaseCleanup;
  final AwsClientFactory clients;
  final List<Collector> collectors = new ArrayList<>();
  final List<Database> extraDatabases = new ArrayList<>();
  final CollectorSettings settings;

  private CollectorHarness(
      DatabaseKind kind,
      DatabaseSettings h2File,
      SimulatorSettings simulator,
      CollectorSettings settings,
      Instant now) {
    this.clock = now == null ? MutableClock.system() : new MutableClock(now);
    this.settings = settings;
    this.sim = AwsSimulator.start(simulator.withClock(clock));
    try {
      if (h2File != null) {
        this.database = Database.open(h2File);
        this.databaseSettings = h2File;
        this.databaseCleanup = () -> {};
      } else {
        TestDatabase db = TestDatabases.fresh(kind);
        this.database = db.database();
        this.databaseSettings = db.settings();
        this.databaseCleanup = db;
      }
    } catch (RuntimeException | Error e) {
      sim.close();
      throw e;
    }
    this.clients = simulatorClients(sim.endpoint(), "AKIDLEDGERTEST", FAST_RETRIES, 32);
  }

  /** AWS clients for the simulator at {@code endpoint}, with a made-up access key. */
  static AwsClientFactory simulatorClients(
      URI endpoint, String accessKeyId, RetrySettings retries, int connections) {
    return new AwsClientFactory(
        new AwsClientFactory.Options(
            endpoint,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, "not-a-secret")),
            retries,
            connections));
  }

  /** The default credentials' account in {@link #REGION}, as one collection target. */
  static List<CollectionTarget> defaultTarget(String name) {
    return List.of(
        new CollectionTarget(AwsAccount.defaultCredentials(), name, null, List.of(REGION)));
  }

  static CollectorHarness start(
      DatabaseKind kind, SimulatorSettings simulator, CollectorSettings settings, Instant now) {
    return new CollectorHarness(kind, null, simulator, settings, now);
  }

  /**
   * {@link #start(DatabaseKind, SimulatorSettings, CollectorSettings, Instant)} at {@link
   * #testSettings()}.
   */
  static CollectorHarness start(DatabaseKind kind, SimulatorSettings simulator, Instant now) {
    return start(kind, simulator, testSettings(), now);
  }

  /** Simulator and collectors on the system clock (for the scheduler's real timing). */
  static CollectorHarness startRealTime(
      DatabaseKind kind, SimulatorSettings simulator, CollectorSettings settings) {
    return new CollectorHarness(kind, null, simulator, settings, null);
  }

  /** On an H2 file database (which other processes can open too: AUTO_SERVER). */
  static CollectorHarness onH2File(
      DatabaseSettings h2File,
      SimulatorSettings simulator,
      CollectorSettings settings,
      Instant now) {
    return new CollectorHarness(DatabaseKind.H2, h2File, simulator, settings, now);
  }

  org.jooq.DSLContext dsl() {
    return database.dsl();
  }

  /**
   * A simulated estate of {@code functions} functions from {@code seed}, with data from {@code
   * start}.
   */
  static SimulatorSettings simulation(int functions, long seed, Instant start) {
    return SimulatorSettings.defaults().withFunctions(functions).withSeed(seed).withStart(start);
  }

  /** Settings for tests: fast limits, the default period and lookback. */
  static CollectorSettings testSettings() {
    return CollectorSettings.defaults().withRateLimits(500, 500);
  }

  /** A collector on the harness's database (its own pool when {@code separatePool}). */
  Collector collector(boolean separatePool) {
    return collector(separatePool, "collector-" + (collectors.size() + 1), List.of(REGION));
  }

  /** A collector for other targets (accounts, roles), sharing the database. */
  Collector collector(List<CollectionTarget> targets) {
    Collector collector =
        new Collector(
            database, clients, targets, settings, clock, "collector-" + (collectors.size() + 1));
    collectors.add(collector);
    return collector;
  }

  /** A collector on another pool of the same database (one a test opened, e.g. via a proxy). */
  Collector collector(Database pool, String instance) {
    Collector collector =
        new Collector(pool, clients, defaultTarget("test"), settings, clock, instance);
    collectors.add(collector);
    return collector;
  }

  /** A collector with its own name, for the regions given. */
  Collector collector(boolean separatePool, String instance, List<String> regions) {
    Database pool = database;
    if (separatePool) {
      pool = Database.open(databaseSettings);
      extraDatabases.add(pool);
    }
    Collector collector =
        new Collector(
            pool,
            clients,
            List.of(new CollectionTarget(AwsAccount.defaultCredentials(), "test", null, regions)),
            settings,
            clock,
            instance);
    collectors.add(collector);
    return collector;
  }

  String account() {
    return sim.accounts().get(0);
  }

  /** Hourly usage from the rollups, summed over configurations, by function and hour. */
  Map<FunctionKey, Map<Instant, UsageTotals>> storedHours(Instant from, Instant to) {
    UsageRollupStore rollups = new UsageRollupStore(database.dsl(), clock);
    Map<FunctionKey, Map<Instant, UsageTotals>> stored = new HashMap<>();
    for (UsageRollup rollup : rollups.usageSeries(UsageQuery.between(from, to), Granularity.HOUR)) {
      stored
          .computeIfAbsent(rollup.function(), key -> new TreeMap<>())
          .merge(rollup.bucketStart(), rollup.usage(), UsageTotals::plus);
    }
    return stored;
  }

  /**
   * What a comparison of the stored hours with the truth found, without asserting: active
   * function-hours compared, those with less than the truth in some measure (lost) and those with
   * more (counted twice; also usage stored for an hour the truth has none).
   */
  record Comparison(int compared, int lost, int doubleCounted) {}

  /** The watermark of the harness's shard (its account, {@link #REGION}); it must exist. */
  Watermark watermark() {
    return new WatermarkStore(dsl()).find(account(), REGION).orElseThrow();
  }

  /** An SDK client of the simulator, in us-east-1, with test credentials. */
  <B extends AwsClientBuilder<B, C>, C> C simulatorClient(B builder) {
    return builder
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")))
        .build();
  }

  /**
   * Asserts that {@code comparison} lost no function-hour and counted none twice, and that every
   * stored hour of {@code [from, to)} matches the truth; returns the hours compared.
   */
  int assertNothingLost(Comparison comparison, Instant from, Instant to) {
    assertThat(comparison.lost()).as("function-hours lost").isZero();
    assertThat(comparison.doubleCounted()).as("function-hours counted twice").isZero();
    return assertHoursMatchTruth(from, to);
  }

  /** Compares every function-hour of {@code [from, to)} with the truth (see {@link Comparison}). */
  Comparison compareWithTruth(Instant from, Instant to) {
    Map<FunctionKey, Map<Instant, UsageTotals>> stored = storedHours(from, to);
    int compared = 0;
    int lost = 0;
    int doubleCounted = 0;
    for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
      Truth truth = sim.truth(hour, hour.plus(Duration.ofHours(1)), account(), REGION);
      for (FunctionTruth expected : truth.functions()) {
        FunctionKey key = new FunctionKey(expected.account(), expected.region(), expected.name());
        UsageTotals actual = stored.getOrDefault(key, Map.of()).get(hour);
        long[] want = {
          expected.invocations(),
          expected.errors(),
          expected.throttles(),
          expected.deadLetterErrors()
        };
        long[] have =
            actual == null
                ? new long[4]
                : new long[] {
                  actual.requests(), actual.errors(), actual.throttles(), actual.deadLetterErrors()
                };
        int durationOrder =
            (actual == null ? BigDecimal.ZERO : actual.durationMsSum())
                .compareTo(expected.durationMsSum());
        boolean active = want[0] > 0 || want[2] > 0 || want[3] > 0;
        if (!active && actual == null) {
          continue;
        }
        compared++;
        boolean less = durationOrder < 0;
        boolean more = durationOrder > 0;
        for (int i = 0; i < want.length; i++) {
          less |= have[i] < want[i];
          more |= have[i] > want[i];
        }
        if (less) {
          lost++;
        }
        if (more) {
          doubleCounted++;
        }
      }
    }
    return new Comparison(compared, lost, doubleCounted);
  }

  /**
   * Asserts that for every function and every hour of {@code [from, to)} the stored invocations,
   * duration sum, errors, throttles, DLQ errors and maximum iterator age equal the simulator's
   * truth, and that no function has usage the truth does not have. Returns how many function-hours
   * had activity.
   */
  int assertHoursMatchTruth(Instant from, Instant to) {
    Map<FunctionKey, Map<Instant, UsageTotals>> stored = storedHours(from, to);
    int activeHours = 0;
    int storedHours = stored.values().stream().mapToInt(Map::size).sum();
    for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
      Truth truth = sim.truth(hour, hour.plus(Duration.ofHours(1)), account(), REGION);
      for (FunctionTruth expected : truth.functions()) {
        FunctionKey key = new FunctionKey(expected.account(), expected.region(), expected.name());
        boolean active =
            expected.invocations() > 0
                || expected.throttles() > 0
                || expected.deadLetterErrors() > 0;
        UsageTotals actual = stored.getOrDefault(key, Map.of()).get(hour);
        if (!active) {
          if (actual != null) {
            assertThat(actual.requests() + actual.throttles() + actual.errors())
                .as("%s at %s had no activity", key, hour)
                .isZero();
          }
          continue;
        }
        activeHours++;
        assertThat(actual).as("%s at %s is stored", key, hour).isNotNull();
        String where = key + " at " + hour;
        assertThat(actual.requests())
            .as("invocations of %s", where)
            .isEqualTo(expected.invocations());
        assertThat(actual.durationMsSum())
            .as("duration sum of %s", where)
            .isEqualByComparingTo(expected.durationMsSum());
        assertThat(actual.errors()).as("errors of %s", where).isEqualTo(expected.errors());
        assertThat(actual.throttles()).as("throttles of %s", where).isEqualTo(expected.throttles());
        assertThat(actual.deadLetterErrors())
            .as("DLQ errors of %s", where)
            .isEqualTo(expected.deadLetterErrors());
        BigDecimal expectedAge =
            expected.iteratorAgeMaxMs() == null
                ? null
                : BigDecimal.valueOf(expected.iteratorAgeMaxMs());
        if (expectedAge == null) {
          assertThat(actual.iteratorAgeMaxMs()).as("iterator age of %s", where).isNull();
        } else {
          assertThat(actual.iteratorAgeMaxMs())
              .as("iterator age of %s", where)
              .isEqualByComparingTo(expectedAge);
        }
      }
    }
    assertThat(storedHours).as("function-hours stored").isGreaterThanOrEqualTo(activeHours);
    assertThat(activeHours).as("the estate did something").isPositive();
    return activeHours;
  }

  @Override
  public void close() {
    collectors.forEach(Collector::close);
    clients.close();
    extraDatabases.forEach(Database::close);
    try {
      if (databaseCleanup instanceof TestDatabase testDatabase) {
        testDatabase.close();
      } else {
        database.close();
      }
    } finally {
      sim.close();
    }
  }
}
