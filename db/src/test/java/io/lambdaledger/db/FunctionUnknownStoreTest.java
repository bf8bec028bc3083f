package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.FunctionUnknownStore.Aspect;
import io.lambdaledger.db.FunctionUnknownStore.Reason;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;

class FunctionUnknownStoreTest {

  private static final Instant T0 = Instant.parse("2026-10-01T10:00:00Z");

  @OnEachDatabase
  void anUnknownAspectKeepsItsFirstDateTakesTheLatestReasonAndGoesOnceKnown(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      FunctionUnknownStore store = new FunctionUnknownStore(db.dsl());
      store.mark(
          ACCOUNT,
          REGION,
          List.of("a", "b"),
          Aspect.PROVISIONED_CONCURRENCY,
          Reason.PENDING,
          null,
          T0);
      store.mark(ACCOUNT, REGION, List.of("a"), Aspect.TAGS, Reason.PENDING, null, T0);
      String denied = "Lambda ListProvisionedConcurrencyConfigs: HTTP 403 AccessDeniedException";

      store.mark(
          ACCOUNT,
          REGION,
          List.of("b"),
          Aspect.PROVISIONED_CONCURRENCY,
          Reason.DENIED,
          denied,
          T0.plusSeconds(60));
      store.resolve(ACCOUNT, REGION, List.of("a"), Aspect.PROVISIONED_CONCURRENCY);

      assertThat(store.list(ACCOUNT, REGION))
          .containsExactly(
              new FunctionUnknownStore.Unknown(
                  ACCOUNT, REGION, "a", Aspect.TAGS, Reason.PENDING, null, T0),
              new FunctionUnknownStore.Unknown(
                  ACCOUNT, REGION, "b", Aspect.PROVISIONED_CONCURRENCY, Reason.DENIED, denied, T0));
      assertThat(store.list(ACCOUNT, "eu-west-1")).isEmpty();
    }
  }
}
