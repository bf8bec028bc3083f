package io.lambdaledger.api;

import io.lambdaledger.api.alerts.Alerting;
import io.lambdaledger.api.auth.Tokens;
import io.lambdaledger.api.operations.BillImportTrigger;
import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
import io.lambdaledger.core.alerting.AlertKind;
import io.lambdaledger.core.alerting.Budget;
import io.lambdaledger.core.alerting.BudgetBook;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A server whose alert history holds a budget alert spanning accounts and a spike on account
 * 222222222222, one configured budget on that account, and budgets set over the API in memory.
 */
final class AlertsFixture implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-10-15T12:00:00Z");
  static final String ADMIN = Tokens.generate();
  static final String SCOPED = Tokens.generate();

  final Map<String, Budget> stored = new TreeMap<>();
  final TestDatabase db;
  final ServiceMetrics metrics;
  final ApiServer server;
  final HttpTestClient http;

  AlertsFixture() {
    db = TestDatabases.h2();
    metrics = new ServiceMetrics();
    List<AlertEntry> entries =
        List.of(
            new AlertEntry(
                new Alert(
                    "budget:all:2026-10",
                    AlertKind.BUDGET,
                    null,
                    "all",
                    "2026-10",
                    "Budget all: over",
                    new BigDecimal("120.5"),
                    new BigDecimal("100"),
                    NOW),
                "delivered",
                1,
                NOW),
            new AlertEntry(
                new Alert(
                    "anomaly:222222222222/us-east-1/f:2026-10-14:spike",
                    AlertKind.ANOMALY,
                    "222222222222",
                    "222222222222/us-east-1/f",
                    "2026-10-14",
                    "Cost spike",
                    new BigDecimal("50"),
                    new BigDecimal("10"),
                    NOW.minusSeconds(60)),
                "failed",
                4,
                null));
    BudgetBook budgets =
        new BudgetBook() {
          @Override
          public List<Budget> list() {
            return new ArrayList<>(stored.values());
          }

          @Override
          public void put(Budget budget) {
            stored.put(budget.name(), budget);
          }

          @Override
          public boolean delete(String name) {
            return stored.remove(name) != null;
          }
        };
    Alerting alerting =
        new Alerting(
            (scope, limit) ->
                entries.stream()
                    .filter(
                        e ->
                            scope.unrestricted()
                                || (e.alert().accountId() != null
                                    && scope.includes(e.alert().accountId())))
                    .limit(limit)
                    .toList(),
            budgets,
            List.of(
                new Budget(
                    "configured", "222222222222", null, null, BigDecimal.TEN, "USD", "config")));
    List<ApiToken> tokens =
        List.of(
            new ApiToken("ops", Tokens.sha256Hex(ADMIN), TokenRole.ADMIN, AccountScope.all(), NOW),
            new ApiToken(
                "search",
                Tokens.sha256Hex(SCOPED),
                TokenRole.VIEWER,
                AccountScope.only(Set.of("222222222222")),
                NOW));
    server =
        new ApiServer(
                new ApiServer.Settings(
                    true, Clock.fixed(NOW, ZoneOffset.UTC), "test", Duration.ofMinutes(30)),
                new Services(
                    () -> tokens,
                    LedgerFixture.databaseTokens(new io.lambdaledger.db.ApiTokenStore(db.dsl())),
                    () -> true,
                    metrics,
                    () -> null,
                    (month, format, scope, partial, out) -> {},
                    LedgerFixture.ledger(db.database()),
                    PriceBooks.bundled(),
                    alerting,
                    BillImportTrigger.NONE))
            .start("127.0.0.1", 0);
    http = new HttpTestClient(server.port());
  }

  @Override
  public void close() {
    server.close();
    metrics.close();
    db.close();
  }
}
