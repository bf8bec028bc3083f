package io.lambdaledger.reports;

import io.lambdaledger.core.model.AccountScope;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * What to report.
 *
 * @param month the calendar month (UTC)
 * @param format plain CSV or FOCUS
 * @param accounts the accounts whose functions are listed; pricing always covers every account of
 *     their payers, so a filtered report shows the same amounts as the full one
 * @param tagColumns tag keys that get a {@code tag:<key>} column in the plain CSV (ignored by
 *     FOCUS, which carries every tag in {@code Tags})
 * @param allowPartial write a month that is not final yet, saying so in every row
 */
public record ReportRequest(
    YearMonth month,
    ReportFormat format,
    AccountScope accounts,
    List<String> tagColumns,
    boolean allowPartial) {

  public ReportRequest {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(accounts, "accounts");
    tagColumns = List.copyOf(tagColumns);
    for (String key : tagColumns) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("a tag column needs a tag key");
      }
    }
  }

  /** Every account, no tag columns, final months only. */
  public static ReportRequest of(YearMonth month, ReportFormat format) {
    return new ReportRequest(month, format, AccountScope.all(), List.of(), false);
  }

  public ReportRequest withAccounts(AccountScope scope) {
    return new ReportRequest(month, format, scope, tagColumns, allowPartial);
  }

  /**
   * Narrows the request to what a caller may see: the accounts asked for that are visible, or every
   * visible account when none were asked for.
   */
  public ReportRequest visibleTo(AccountScope visible) {
    if (visible.unrestricted()) {
      return this;
    }
    if (accounts.unrestricted()) {
      return withAccounts(visible);
    }
    return withAccounts(
        AccountScope.only(accounts.accountIds().stream().filter(visible::includes).toList()));
  }

  public ReportRequest withTagColumns(List<String> keys) {
    return new ReportRequest(month, format, accounts, keys, allowPartial);
  }

  public ReportRequest withAllowPartial(boolean allow) {
    return new ReportRequest(month, format, accounts, tagColumns, allow);
  }
}
