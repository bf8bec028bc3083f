package io.lambdaledger.db;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * The condition that selects a set of surrogate ids with an index.
 *
 * <p>A dense set (ids mostly consecutive, as when a backfill recomputes a whole shard) is read as
 * one range: both databases scan it in one pass, and H2 plans it faster than a long {@code IN}
 * list. A sparse set (a collector batch: function names in CloudWatch's order, ids in inventory
 * order, so a few dozen ids spread over the whole table) is read with {@code IN}, which both
 * databases turn into one index lookup per id. A range there would scan every row of every other
 * function in between — the cost grew with the table's size, quadratically over a cycle.
 */
final class IdSets {

  /** A range may hold at most this many ids per id wanted. */
  private static final int DENSE_SPREAD = 2;

  private IdSets() {}

  /**
   * @param sortedIds ascending, not empty, at most {@link Chunks#IDS}
   */
  static Condition condition(Field<Long> column, List<Long> sortedIds) {
    long first = sortedIds.get(0);
    long last = sortedIds.get(sortedIds.size() - 1);
    if (isDense(first, last, sortedIds.size())) {
      return column.between(first, last);
    }
    return column.in(sortedIds);
  }

  static boolean isDense(long first, long last, int count) {
    return last - first + 1 <= (long) DENSE_SPREAD * count;
  }
}
