package io.lambdaledger.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
import io.lambdaledger.core.alerting.AlertKind;
import io.lambdaledger.core.alerting.Budget;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

class AlertStoreTest {

  private static final Instant T0 = Instant.parse("2026-10-15T12:00:00Z");

  private static Alert alert(String key, String account, Instant at) {
    return new Alert(
        key,
        AlertKind.ANOMALY,
        account,
        "subject " + key,
        "2026-10-14",
        "message " + key,
        new BigDecimal("50.25"),
        new BigDecimal("10.05"),
        at);
  }

  @OnEachDatabase
  void anAlertIsStoredOncePerKeyAndReadBackInScope(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      AlertStore store = new AlertStore(db.dsl());
      assertThat(store.raise(alert("a", "111111111111", T0), "pending")).isTrue();
      assertThat(store.raise(alert("a", "111111111111", T0.plusSeconds(60)), "pending")).isFalse();
      assertThat(store.raise(alert("b", "222222222222", T0.plusSeconds(1)), "none")).isTrue();
      assertThat(store.raise(alert("c", null, T0.plusSeconds(2)), "pending")).isTrue();
      store.delivered("a", "delivered", 3, T0.plusSeconds(5));

      List<AlertEntry> all = store.recent(AccountScope.all(), 10);
      assertThat(all).extracting(e -> e.alert().key()).containsExactly("c", "b", "a");
      AlertEntry a = all.get(2);
      assertThat(a.alert()).isEqualTo(alert("a", "111111111111", T0));
      assertThat(a.delivery()).isEqualTo("delivered");
      assertThat(a.attempts()).isEqualTo(3);
      assertThat(a.deliveredAt()).isEqualTo(T0.plusSeconds(5));
      assertThat(store.recent(AccountScope.only(Set.of("222222222222")), 10))
          .extracting(e -> e.alert().key())
          .containsExactly("b");
      assertThat(store.recent(AccountScope.all(), 1)).hasSize(1);
    }
  }

  @OnEachDatabase
  void failedAlertsAreClaimedOnceSettledPerWebhookAndAbandonedWhenOld(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      AlertStore store = new AlertStore(db.dsl());
      Alert hourly =
          new Alert(
              "anomaly:111111111111/us-east-1/checkout:2026-10-15:hourly-spike",
              AlertKind.ANOMALY,
              "111111111111",
              "111111111111/us-east-1/checkout",
              "2026-10-15T11:00Z",
              "spike",
              BigDecimal.TEN,
              BigDecimal.ONE,
              T0);
      store.raise(hourly, "pending");
      store.raise(alert("old", "111111111111", T0.minusSeconds(90_000)), "pending");
      store.delivered("old", "failed", 4, null);
      store.raise(alert("stuck", "111111111111", T0.minusSeconds(3_600)), "pending");
      store.delivered(hourly.key(), "failed", 4, null);
      store.settle(hourly.key(), "chat", "accepted", T0);
      store.settle(hourly.key(), "chat", "refused", T0.plusSeconds(1));

      assertThat(store.settled(hourly.key())).containsExactly("chat");
      assertThat(store.recent(AccountScope.all(), 10).get(0).alert().period())
          .isEqualTo("2026-10-15T11:00Z");
      List<AlertEntry> due = store.undelivered(T0.minusSeconds(86_400), T0.minusSeconds(1_800));
      assertThat(due).extracting(e -> e.alert().key()).containsExactly("stuck", hourly.key());
      AlertEntry failed = due.get(1);
      assertThat(store.claim(failed, T0.plusSeconds(60))).isTrue();
      assertThat(store.claim(failed, T0.plusSeconds(61))).as("taken already").isFalse();
      assertThat(store.undelivered(T0.minusSeconds(86_400), T0))
          .extracting(e -> e.alert().key())
          .containsExactly("stuck");

      store.raise(alert("old-stuck", "111111111111", T0.minusSeconds(90_000)), "pending");
      assertThat(store.abandon(T0.minusSeconds(86_400))).isEqualTo(2);
      assertThat(store.recent(AccountScope.all(), 10))
          .filteredOn(e -> e.alert().key().startsWith("old"))
          .extracting(AlertEntry::delivery)
          .containsExactly("abandoned", "abandoned");
    }
  }

  @OnEachDatabase
  void aBudgetIsUpsertedByNameAndDeleted(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      BudgetStore store = new BudgetStore(db.dsl(), Clock.fixed(T0, ZoneOffset.UTC));
      Budget first =
          new Budget("payments", "111111111111", null, null, new BigDecimal("100"), "USD", "api");
      Budget changed =
          new Budget(
              "payments",
              "111111111111",
              "us-east-1/checkout",
              null,
              new BigDecimal("250.5"),
              "USD",
              "api");
      Budget tagged = new Budget("search", null, null, "team=search", BigDecimal.TEN, "USD", "api");
      store.put(first);
      store.put(changed);
      store.put(tagged);
      assertThat(store.list()).containsExactly(changed, tagged);
      assertThat(store.delete("payments")).isTrue();
      assertThat(store.delete("payments")).isFalse();
      assertThat(store.list()).containsExactly(tagged);
    }
  }
}
