package io.lambdaledger.db;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;

/**
 * Refreshes the planner's statistics after a bulk change, so that the next statements are planned
 * for the table's real size.
 *
 * <p>PostgreSQL plans a table it has never analyzed as if it held a handful of rows. With
 * autovacuum off, or before its next round, a freshly listed inventory of 70,000 functions was read
 * with a plan that filtered every function of the shard by name instead of looking the names up in
 * the unique index: 300 ms per id lookup instead of a fraction of a millisecond, which made a cold
 * 50,000-function cycle take minutes. H2 re-analyzes on its own after enough changed rows.
 */
final class TableStatistics {

  /** Rows changed by one statement or transaction above which the statistics are refreshed. */
  static final int BULK_CHANGE = 1_000;

  private TableStatistics() {}

  static void refresh(DSLContext dsl, List<? extends Table<?>> tables) {
    if (dsl.dialect().family() != SQLDialect.POSTGRES) {
      return;
    }
    for (Table<?> table : tables) {
      dsl.query("analyze {0}", table).execute();
    }
  }
}
