package io.lambdaledger.core.alerting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert, raised once per {@code key}: {@code budget:<name>:<yyyy-MM>}, {@code
 * anomaly:<account>/<region>/<function>:<yyyy-MM-dd>:spike} (a day) or {@code
 * anomaly:<account>/<region>/<function>:<yyyy-MM-dd>:hourly-spike} (the first hour of that day that
 * spiked).
 *
 * @param accountId the account it is about, or null when it spans accounts (only callers who see
 *     every account see it)
 * @param subject the budget's name or the function ({@code account/region/name})
 * @param period the month ({@code yyyy-MM}), day ({@code yyyy-MM-dd}) or hour ({@code
 *     yyyy-MM-ddTHH:00Z}) it is about
 * @param observed US dollars: the forecast (budget) or the day's or hour's cost (anomaly)
 * @param expected US dollars: the budget, or the baseline the day or hour was compared with
 */
public record Alert(
    String key,
    AlertKind kind,
    String accountId,
    String subject,
    String period,
    String message,
    BigDecimal observed,
    BigDecimal expected,
    Instant raisedAt) {

  public Alert {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(raisedAt, "raisedAt");
  }
}
