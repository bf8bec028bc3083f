package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.model.FunctionKey;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A month's estimate against its imported bill, per function, for the days the bill covers.
 *
 * @param billedFrom the first day with billed lines, or null when nothing is billed
 * @param billedThrough the last day with billed lines, or null when nothing is billed
 * @param functions one entry per function on either side, then one per account for bill lines
 *     without a function
 * @param warnings what the caller must know (a bill that covers part of the month, regions left out
 *     of the estimate, durations only bounded)
 */
public record ReconciledMonth(
    YearMonth month,
    LocalDate billedFrom,
    LocalDate billedThrough,
    List<Reconciled> functions,
    List<CostWarning> warnings) {

  /** The item key of bill lines without a function, whatever the aggregate. */
  public static final String UNALLOCATED = "(unallocated)";

  public ReconciledMonth {
    functions = List.copyOf(functions);
    warnings = List.copyOf(warnings);
  }

  /** The same reconciliation, saying {@code more} as well. */
  public ReconciledMonth withWarnings(List<CostWarning> more) {
    List<CostWarning> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new ReconciledMonth(month, billedFrom, billedThrough, functions, all);
  }

  /**
   * One function's (or, with a null function, one account's unallocated lines') reconciliation.
   *
   * @param function null for bill lines without a function
   * @param accountId the function's account, or the usage account of unallocated lines
   */
  public record Reconciled(FunctionKey function, String accountId, ReconciledItem amounts) {

    public boolean unallocated() {
      return function == null;
    }
  }

  /** The whole month: every function and every unallocated line. */
  public ReconciledItem total() {
    ReconciledItem total = ReconciledItem.empty(month.toString());
    for (Reconciled r : functions) {
      total = total.plus(month.toString(), r.amounts());
    }
    return total;
  }

  /**
   * The functions summed by {@code key} (say the account, the region, a tag's value), unallocated
   * lines under {@link #UNALLOCATED}; in the order keys are first met.
   */
  public List<ReconciledItem> items(Function<FunctionKey, String> key) {
    Map<String, ReconciledItem> items = new LinkedHashMap<>();
    for (Reconciled r : functions) {
      String k = r.unallocated() ? UNALLOCATED : key.apply(r.function());
      ReconciledItem sum = items.getOrDefault(k, ReconciledItem.empty(k));
      items.put(k, sum.plus(k, r.amounts()));
    }
    return new ArrayList<>(items.values());
  }
}
