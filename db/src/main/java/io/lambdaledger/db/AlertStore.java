package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ALERT;
import static io.lambdaledger.db.jooq.Tables.ALERT_DELIVERY;

import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
import io.lambdaledger.core.alerting.AlertHistory;
import io.lambdaledger.core.alerting.AlertKind;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.db.jooq.tables.records.AlertRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Alerts raised, one row per key. {@link #raise} inserts an alert only if its key is new: that is
 * the de-duplication, whether the same alert comes again next cycle or from another replica. Each
 * webhook that accepted (or refused for good) an alert is recorded ({@link #settle}), so a later
 * delivery round sends it only to the webhooks that have not; a round is claimed ({@link #claim})
 * so two replicas do not send the same alert at once.
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
            .set(ALERT.LAST_ATTEMPT_AT, alert.raisedAt())
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

  /**
   * Records that {@code webhook} accepted or refused the alert; a second record changes nothing.
   */
  public void settle(String key, String webhook, String outcome, Instant at) {
    dsl.insertInto(ALERT_DELIVERY)
        .set(ALERT_DELIVERY.ALERT_KEY, key)
        .set(ALERT_DELIVERY.WEBHOOK, webhook)
        .set(ALERT_DELIVERY.OUTCOME, outcome)
        .set(ALERT_DELIVERY.SETTLED_AT, at)
        .onConflict(ALERT_DELIVERY.ALERT_KEY, ALERT_DELIVERY.WEBHOOK)
        .doNothing()
        .execute();
  }

  /** The webhooks that accepted or refused the alert: they are not sent it again. */
  public Set<String> settled(String key) {
    return new HashSet<>(
        dsl.select(ALERT_DELIVERY.WEBHOOK)
            .from(ALERT_DELIVERY)
            .where(ALERT_DELIVERY.ALERT_KEY.eq(key))
            .fetch(ALERT_DELIVERY.WEBHOOK));
  }

  /**
   * The alerts to deliver again, oldest first: {@code failed} ones raised at or after {@code
   * raisedSince}, and {@code pending} ones whose round started before {@code staleBefore} (the
   * process sending them stopped).
   */
  public List<AlertEntry> undelivered(Instant raisedSince, Instant staleBefore) {
    return dsl.selectFrom(ALERT)
        .where(ALERT.RAISED_AT.ge(raisedSince))
        .and(
            ALERT
                .DELIVERY
                .eq("failed")
                .or(ALERT.DELIVERY.eq("pending").and(ALERT.LAST_ATTEMPT_AT.lt(staleBefore))))
        .orderBy(ALERT.RAISED_AT, ALERT.ALERT_KEY)
        .fetch(AlertStore::entry);
  }

  /**
   * Takes the alert for a delivery round: marks it {@code pending} from {@code now} if it is still
   * as {@code seen} read it.
   *
   * @return whether this caller got it (another replica may have first)
   */
  public boolean claim(AlertEntry seen, Instant now) {
    return dsl.update(ALERT)
            .set(ALERT.DELIVERY, "pending")
            .set(ALERT.LAST_ATTEMPT_AT, now)
            .where(ALERT.ALERT_KEY.eq(seen.alert().key()))
            .and(ALERT.DELIVERY.eq(seen.delivery()))
            .and(ALERT.ATTEMPTS.eq(seen.attempts()))
            .execute()
        > 0;
  }

  /**
   * Gives up the alerts raised before {@code raisedBefore} that are still {@code failed}, or {@code
   * pending} (their process stopped): they become {@code abandoned} and are not tried again.
   *
   * @return how many
   */
  public int abandon(Instant raisedBefore) {
    return dsl.update(ALERT)
        .set(ALERT.DELIVERY, "abandoned")
        .where(ALERT.RAISED_AT.lt(raisedBefore))
        .and(ALERT.DELIVERY.in("failed", "pending"))
        .execute();
  }

  @Override
  public List<AlertEntry> recent(AccountScope scope, int limit) {
    Condition visible =
        scope.unrestricted()
            ? ALERT.ALERT_KEY.isNotNull()
            : ALERT.ACCOUNT_ID.in(scope.accountIds());
    return dsl.selectFrom(ALERT)
        .where(visible)
        .orderBy(ALERT.RAISED_AT.desc(), ALERT.ALERT_KEY)
        .limit(limit)
        .fetch(AlertStore::entry);
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
