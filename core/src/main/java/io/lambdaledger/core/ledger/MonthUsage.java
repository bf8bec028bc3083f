package io.lambdaledger.core.ledger;

import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A whole month of stored usage as the monthly report reads it: lean (the engine's compact input,
 * streamed from the month rollup) so that 50,000 functions fit the report's small heap.
 */
public interface MonthUsage {

  /**
   * Every function configuration with usage in the month, for the accounts in scope, sorted by
   * account, region, function, then the day each configuration was first used.
   */
  List<Line> read(YearMonth month, AccountScope accounts);

  /** The current tags of the functions of the accounts in scope, by function id, keys sorted. */
  Map<Long, SortedMap<String, String>> tags(AccountScope accounts);

  /** The first day with stored usage, if any. */
  Optional<Instant> firstUsageDay();

  /**
   * One function configuration's month, with what the report shows beside its cost.
   *
   * @param functionId the stored function's id (the key of {@link #tags})
   * @param firstDay the first day of the month the configuration was used
   * @param deletedAt null while the function exists
   */
  record Line(UsageLine usage, long functionId, String arn, Instant firstDay, Instant deletedAt) {
    public FunctionKey key() {
      return new FunctionKey(usage.account(), usage.region(), usage.function());
    }

    /** The same line first used on {@code day}; unchanged when {@code day} is null. */
    public Line withFirstDay(Instant day) {
      return day == null ? this : new Line(usage, functionId, arn, day, deletedAt);
    }
  }
}
