package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.REGION;
import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class WatermarkStoreTest {

  private static final Instant T0 = t("2026-10-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(t("2026-10-01T12:00:00Z"), ZoneOffset.UTC);

  @OnEachDatabase
  void aWatermarkMovesForwardButNeverBackwards(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      WatermarkStore store = new WatermarkStore(db.dsl(), CLOCK);

      Watermark first = store.advance(ACCOUNT, REGION, T0);
      Watermark forward = store.advance(ACCOUNT, REGION, T0.plusSeconds(300));
      Watermark backward = store.advance(ACCOUNT, REGION, T0.minusSeconds(3600));

      assertThat(first.completeTo()).isEqualTo(T0);
      assertThat(forward.completeTo()).isEqualTo(T0.plusSeconds(300));
      assertThat(backward.completeTo()).isEqualTo(T0.plusSeconds(300));
      assertThat(store.find(ACCOUNT, REGION))
          .contains(new Watermark(ACCOUNT, REGION, T0.plusSeconds(300), CLOCK.instant()));
      assertThat(store.find(ACCOUNT, "eu-west-1")).isEmpty();
      assertThat(store.list()).hasSize(1);
    }
  }

  @OnEachDatabase
  void racingCollectorsLeaveTheLatestWatermark(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      WatermarkStore store = new WatermarkStore(db.dsl(), CLOCK);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
          int w = writer;
          done.add(
              threads.submit(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      // the two writers move in opposite directions through the same instants
                      int step = w == 0 ? i : 49 - i;
                      store.advance(ACCOUNT, REGION, T0.plusSeconds(60L * step));
                    }
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        threads.shutdown();
      }

      assertThat(store.find(ACCOUNT, REGION).orElseThrow().completeTo())
          .isEqualTo(T0.plusSeconds(60L * 49));
    }
  }
}
