package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ALERT;

import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
import io.lambdaledger.core.alerting.AlertHistory;
import io.lambdaledger.core.alerting.AlertKind;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.db.jooq.tables.records.AlertRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Alerts raised, one row per key. {@link #raise} inserts an alert only if its key is new: that is
 * the de-duplication, whether the same alert comes again next cycle or from another replica.
 */
public final class AlertStore implements AlertHistory {

  private final DSLContext dsl;

  public AlertStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Stores the alert unless one with its key exists.
   *
   * @param delivery the initial delivery state ({@code pending}, or {@code none} without webhooks)
   * @return whether it was new (and so must be sent)
   */
  public boolean raise(Alert alert, String delivery) {
    return dsl.insertInto(ALERT)
            .set(ALERT.ALERT_KEY, alert.key())
            .set(ALERT.KIND, alert.kind().id())
            .set(ALERT.ACCOUNT_ID, alert.accountId())
            .set(ALERT.SUBJECT, alert.subject())
            .set(ALERT.ALERT_PERIOD, alert.period())
            .set(ALERT.MESSAGE, alert.message())
            .set(ALERT.OBSERVED, alert.observed())
            .set(ALERT.EXPECTED, alert.expected())
            .set(ALERT.RAISED_AT, alert.raisedAt())
            .set(ALERT.DELIVERY, delivery)
            .set(ALERT.ATTEMPTS, 0)
            .onConflict(ALERT.ALERT_KEY)
            .doNothing()
            .execute()
        > 0;
  }

  /** Records how the alert's delivery went. */
  public void delivered(String key, String delivery, int attempts, Instant deliveredAt) {
    dsl.update(ALERT)
        .set(ALERT.DELIVERY, delivery)
        .set(ALERT.ATTEMPTS, attempts)
        .set(ALERT.DELIVERED_AT, deliveredAt)
        .where(ALERT.ALERT_KEY.eq(key))
        .execute();
  }

  @Override
  public List<AlertEntry> recent(AccountScope scope, int limit) {
    Condition visible =
        scope.unrestricted()
            ? ALERT.ALERT_KEY.isNotNull()
            : ALERT.ACCOUNT_ID.in(scope.accountIds());
    return dsl
        .selectFrom(ALERT)
        .where(visible)
        .orderBy(ALERT.RAISED_AT.desc(), ALERT.ALERT_KEY)
        .limit(limit)
        .fetch()
        .stream()
        .map(AlertStore::entry)
        .toList();
  }

  private static AlertEntry entry(AlertRecord row) {
    return new AlertEntry(
        new Alert(
            row.getAlertKey(),
            AlertKind.valueOf(row.getKind().toUpperCase(Locale.ROOT)),
            row.getAccountId(),
            row.getSubject(),
            row.getAlertPeriod(),
            row.getMessage(),
            plain(row.getObserved()),
            plain(row.getExpected()),
            row.getRaisedAt()),
        row.getDelivery(),
        row.getAttempts(),
        row.getDeliveredAt());
  }

  private static java.math.BigDecimal plain(java.math.BigDecimal value) {
    java.math.BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
