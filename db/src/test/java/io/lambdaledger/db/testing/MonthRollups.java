package io.lambdaledger.db.testing;

import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * For tests that seed day rollups directly: fills {@code usage_month} from them, as the collector's
 * rollup writer re-sums each month from its days (sums, the maximum for the iterator age), so that
 * readers of the month rollup see the same usage as readers of the days.
 */
public final class MonthRollups {

  private static final Set<String> KEYS =
      Set.of(
          USAGE_DAY.FUNCTION_ID.getName(),
          USAGE_DAY.MEMORY_MB.getName(),
          USAGE_DAY.ARCHITECTURE.getName(),
          USAGE_DAY.EPHEMERAL_MB.getName());

  private static final Set<String> MAXIMA =
      Set.of(USAGE_DAY.ITERATOR_AGE_MAX_MS.getName(), USAGE_DAY.COMPUTED_AT.getName());

  private MonthRollups() {}

  /** Writes the month rows of every month that has day rows (replacing any); returns how many. */
  public static int fromDays(DSLContext dsl) {
    TreeSet<Instant> months = new TreeSet<>();
    for (Instant day :
        dsl.selectDistinct(USAGE_DAY.DAY_START).from(USAGE_DAY).fetch(USAGE_DAY.DAY_START)) {
      months.add(
          day.atOffset(ZoneOffset.UTC)
              .with(TemporalAdjusters.firstDayOfMonth())
              .truncatedTo(ChronoUnit.DAYS)
              .toInstant());
    }
    int rows = 0;
    for (Instant month : months) {
      Instant next = month.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
      List<Field<?>> values = new ArrayList<>();
      for (Field<?> column : USAGE_MONTH.fields()) {
        String name = column.getName();
        if (column.equals(USAGE_MONTH.MONTH_START)) {
          values.add(val(month, USAGE_MONTH.MONTH_START));
        } else if (KEYS.contains(name)) {
          values.add(USAGE_DAY.field(name));
        } else if (MAXIMA.contains(name)) {
          values.add(max(USAGE_DAY.field(name)));
        } else {
          values.add(sum(USAGE_DAY.field(name).coerce(java.math.BigDecimal.class)));
        }
      }
      dsl.deleteFrom(USAGE_MONTH).where(USAGE_MONTH.MONTH_START.eq(month)).execute();
      rows +=
          dsl.insertInto(USAGE_MONTH)
              .columns(USAGE_MONTH.fields())
              .select(
                  dsl.select(values)
                      .from(USAGE_DAY)
                      .where(USAGE_DAY.DAY_START.ge(month))
                      .and(USAGE_DAY.DAY_START.lt(next))
                      .groupBy(
                          USAGE_DAY.FUNCTION_ID,
                          USAGE_DAY.MEMORY_MB,
                          USAGE_DAY.ARCHITECTURE,
                          USAGE_DAY.EPHEMERAL_MB))
              .execute();
    }
    return rows;
  }
}
