package io.lambdaledger.db;

import static io.lambdaledger.core.model.Gauge.ITERATOR_AGE_MAX_MS;
import static io.lambdaledger.db.Fixtures.function;
import static io.lambdaledger.db.Fixtures.key;
import static io.lambdaledger.db.Fixtures.sample;
import static io.lambdaledger.db.Fixtures.t;
import static io.lambdaledger.db.Fixtures.withApiAndWorker;
import static io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class MetricSampleStoreTest {

  private static final Instant T0 = t("2026-10-01T10:00:00Z");
  private static final FunctionKey API = key("api");
  private static final FunctionKey WORKER = key("worker");

  /** {@code count} 5-minute samples of "api" with one invocation each, every {@code seconds}. */
  private static List<MetricSample> apiSamples(int count, long seconds) {
    List<MetricSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(sample(API, T0.plusSeconds(seconds * i), 300, 1, "1"));
    }
    return samples;
  }

  /** Six 5-minute samples per function from {@code start}; values grow with {@code version}. */
  private static List<MetricSample> window(Instant start, int version, Instant collectedAt) {
    List<MetricSample> samples = new ArrayList<>();
    for (FunctionKey function : List.of(API, WORKER)) {
      for (int i = 0; i < 6; i++) {
        samples.add(
            MetricSample.builder(function, start.plusSeconds(300L * i), 300)
                .invocations(100L * version + i)
                .durationMsSum(new BigDecimal(version + "" + i + ".125"))
                .errors(version)
                .iteratorAgeMaxMs(new BigDecimal(1000 * version))
                .collectedAt(collectedAt)
                .build());
      }
    }
    return samples;
  }

  private static int rows(TestDatabase db) {
    return db.dsl().fetchCount(METRIC_SAMPLE);
  }

  @OnEachDatabase
  void writingTheSameSamplesTwiceLeavesOneRowPerKeyWithTheLatestValues(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      store.upsert(window(T0, 1, T0.plusSeconds(1800)));

      SampleWrite same = store.upsert(window(T0, 1, T0.plusSeconds(1800)));
      SampleWrite newer = store.upsert(window(T0, 2, T0.plusSeconds(2100)));

      assertThat(same.written()).isEqualTo(12);
      assertThat(newer.written()).isEqualTo(12);
      assertThat(rows(db)).isEqualTo(12);
      assertThat(store.samples(API, T0, T0.plusSeconds(1800)))
          .containsExactlyElementsOf(
              window(T0, 2, T0.plusSeconds(2100)).stream()
                  .filter(s -> s.function().equals(API))
                  .map(MetricSampleStoreTest::asStored)
                  .toList());
    }
  }

  @OnEachDatabase
  void overlappingWindowsLeaveOneRowPerKeyWithTheLatestRead(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      store.upsert(window(T0, 1, T0.plusSeconds(1800)));

      store.upsert(window(T0.plusSeconds(900), 2, T0.plusSeconds(2700)));

      List<MetricSample> stored = store.samples(API, T0, T0.plusSeconds(3600));
      assertThat(rows(db)).isEqualTo(18);
      assertThat(stored).hasSize(9);
      assertThat(stored)
          .extracting(MetricSample::invocations)
          .containsExactly(100L, 101L, 102L, 200L, 201L, 202L, 203L, 204L, 205L);
    }
  }

  @OnEachDatabase
  void anOlderReadWrittenAfterANewerOneDoesNotReplaceIt(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      store.upsert(window(T0, 2, T0.plusSeconds(2100)));

      SampleWrite late = store.upsert(window(T0, 1, T0.plusSeconds(1800)));

      assertThat(late.written()).isZero();
      assertThat(store.samples(API, T0, T0.plusSeconds(1800)))
          .extracting(MetricSample::invocations)
          .containsExactly(200L, 201L, 202L, 203L, 204L, 205L);
    }
  }

  @OnEachDatabase
  void theSameKeyTwiceInOneBatchKeepsTheLatestRead(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      MetricSample newer = sample(API, T0, 300, 7, "70");
      MetricSample older =
          MetricSample.builder(API, T0, 300)
              .invocations(3)
              .collectedAt(newer.collectedAt().minusSeconds(60))
              .build();

      SampleWrite write = store.upsert(List.of(newer, older));

      assertThat(write.written()).isEqualTo(1);
      assertThat(store.samples(API, T0, T0.plusSeconds(300)))
          .extracting(MetricSample::invocations)
          .containsExactly(7L);
    }
  }

  @OnEachDatabase
  void samplesOfFunctionsNotInTheInventoryAreSkippedAndReported(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      FunctionKey ghost = key("ghost");

      SampleWrite write =
          store.upsert(List.of(sample(API, T0, 60, 1, "1"), sample(ghost, T0, 60, 1, "1")));

      assertThat(write.written()).isEqualTo(1);
      assertThat(write.unknownFunctions()).containsExactly(ghost);
    }
  }

  @OnEachDatabase
  void reCollectingAtAnotherPeriodReplacesTheSamplesInsideTheWindow(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      store.upsert(List.of(sample(API, T0, 3600, 60, "6000"), sample(WORKER, T0, 3600, 9, "9")));
      List<MetricSample> fine = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        fine.add(sample(API, T0.plusSeconds(300L * i), 300, 5, "500"));
      }

      SampleWrite write = store.upsert(fine);

      assertThat(write.replacedOtherPeriods()).isEqualTo(1);
      List<MetricSample> stored = store.samples(API, T0, T0.plusSeconds(3600));
      assertThat(stored).hasSize(12).allMatch(s -> s.periodSeconds() == 300);
      assertThat(stored.stream().mapToLong(MetricSample::invocations).sum()).isEqualTo(60);
      assertThat(store.samples(WORKER, T0, T0.plusSeconds(3600))).hasSize(1);
    }
  }

  @OnEachDatabase
  void retentionDeletesOnlySamplesOlderThanTheCutoff(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      store.upsert(apiSamples(5, 86_400L)); // one a day

      long deleted = store.deleteOlderThan(T0.plusSeconds(86_400L * 3));

      assertThat(deleted).isEqualTo(3);
      assertThat(store.samples(API, T0, T0.plusSeconds(86_400L * 5)))
          .extracting(MetricSample::periodStart)
          .containsExactly(T0.plusSeconds(86_400L * 3), T0.plusSeconds(86_400L * 4));
      assertThat(store.deleteOlderThan(T0)).isZero();
    }
  }

  @OnEachDatabase
  void retentionDeletesWholeHoursOnly(DatabaseKind kind) {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      store.upsert(apiSamples(24, 300L)); // two hours

      long deleted = store.deleteOlderThan(T0.plusSeconds(5400));

      assertThat(deleted).isEqualTo(12);
      assertThat(store.samples(API, T0, T0.plusSeconds(7200)).get(0).periodStart())
          .isEqualTo(T0.plusSeconds(3600));
    }
  }

  @OnEachDatabase
  void concurrentUpsertsOfTheSameKeysNeitherFailNorDuplicate(DatabaseKind kind) throws Exception {
    try (TestDatabase db = withApiAndWorker(kind, T0)) {
      MetricSampleStore store = new MetricSampleStore(db.dsl());
      int rounds = 10;
      int periods = 300;
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
          int w = writer;
          Callable<Integer> work =
              () -> {
                Random random = new Random(w);
                for (int round = 0; round < rounds; round++) {
                  long version = round * 2L + w;
                  List<MetricSample> batch = new ArrayList<>();
                  for (FunctionKey function : List.of(API, WORKER)) {
                    for (int i = 0; i < periods; i++) {
                      batch.add(
                          MetricSample.builder(function, T0.plusSeconds(60L * i), 60)
                              .invocations(version)
                              .collectedAt(T0.plusSeconds(100_000 + version))
                              .build());
                    }
                  }
                  Collections.shuffle(batch, random);
                  store.upsert(batch);
                }
                return rounds;
              };
          results.add(threads.submit(work));
        }
        for (Future<Integer> result : results) {
          assertThat(result.get()).isEqualTo(rounds);
        }
      } finally {
        threads.shutdown();
      }

      assertThat(rows(db)).isEqualTo(2 * periods);
      assertThat(store.samples(API, T0, T0.plusSeconds(60L * periods)))
          .extracting(MetricSample::invocations)
          .containsOnly(rounds * 2L - 1);
    }
  }

  /** The sample as the database returns it (fixed decimal scales). */
  private static MetricSample asStored(MetricSample sample) {
    return new MetricSample(
        sample.function(),
        sample.periodStart(),
        sample.periodSeconds(),
        sample.invocations(),
        sample.durationMsSum().setScale(6),
        sample.errors(),
        sample.throttles(),
        sample.deadLetterErrors(),
        sample.provisionedConcurrencyInvocations(),
        sample.provisionedConcurrencySpilloverInvocations(),
        sample.iteratorAgeMaxMs() == null
            ? Map.of()
            : Map.of(ITERATOR_AGE_MAX_MS, sample.iteratorAgeMaxMs().setScale(3)),
        sample.collectedAt());
  }
}
