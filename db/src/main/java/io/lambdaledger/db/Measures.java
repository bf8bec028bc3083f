package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.model.Gauge;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The usage columns shared by {@code usage_hour} and {@code usage_day} (same names in both), and
 * their mapping to {@link UsageTotals}. Each {@link Gauge} has its column of the same name in lower
 * case ({@link #column}), in {@code metric_sample} too, so a new gauge needs its columns but no
 * code here.
 */
final class Measures {

  private Measures() {}

  /** The column that keeps {@code gauge}, in {@code metric_sample} and in every rollup table. */
  static String column(Gauge gauge) {
    return GAUGE_COLUMNS.get(gauge);
  }

  private static final Map<Gauge, String> GAUGE_COLUMNS = gaugeColumns();

  private static Map<Gauge, String> gaugeColumns() {
    Map<Gauge, String> columns = new EnumMap<>(Gauge.class);
    for (Gauge gauge : Gauge.values()) {
      columns.put(gauge, gauge.name().toLowerCase(Locale.ROOT));
    }
    return columns;
  }

  /** Sums (the maximum for each gauge) of {@code table}'s usage columns, by name. */
  static List<Field<?>> aggregates(Table<?> table) {
    var t = USAGE_HOUR;
    List<Field<?>> aggregates = new ArrayList<>();
    aggregates.addAll(
        List.of(
            sum(table.field(t.REQUESTS)).as(t.REQUESTS.getName()),
            sum(table.field(t.DURATION_MS_SUM)).as(t.DURATION_MS_SUM.getName()),
            sum(table.field(t.PC_ALLOCATED_S)).as(t.PC_ALLOCATED_S.getName()),
            sum(table.field(t.PC_GB_S)).as(t.PC_GB_S.getName()),
            sum(table.field(t.PC_REQUESTS)).as(t.PC_REQUESTS.getName()),
            sum(table.field(t.PC_SPILLOVER_REQUESTS)).as(t.PC_SPILLOVER_REQUESTS.getName()),
            sum(table.field(t.PC_DURATION_MS_EST)).as(t.PC_DURATION_MS_EST.getName()),
            sum(table.field(t.ERRORS)).as(t.ERRORS.getName()),
            sum(table.field(t.THROTTLES)).as(t.THROTTLES.getName()),
            sum(table.field(t.DEAD_LETTER_ERRORS)).as(t.DEAD_LETTER_ERRORS.getName())));
    for (Gauge gauge : Gauge.values()) {
      aggregates.add(max(table.field(column(gauge))).as(column(gauge)));
    }
    return aggregates;
  }

  /** Reads the usage columns (plain or aggregated, by name) of a row. */
  static UsageTotals totals(Record row) {
    var t = USAGE_HOUR;
    return gauges(row, UsageTotals.builder())
        .requests(longOf(row, t.REQUESTS))
        .durationMsSum(decimalOf(row, t.DURATION_MS_SUM))
        .provisionedConcurrencySeconds(decimalOf(row, t.PC_ALLOCATED_S))
        .provisionedConcurrencyGbSeconds(decimalOf(row, t.PC_GB_S))
        .provisionedRequests(longOf(row, t.PC_REQUESTS))
        .provisionedSpilloverRequests(longOf(row, t.PC_SPILLOVER_REQUESTS))
        .provisionedDurationMsEstimate(decimalOf(row, t.PC_DURATION_MS_EST))
        .errors(longOf(row, t.ERRORS))
        .throttles(longOf(row, t.THROTTLES))
        .deadLetterErrors(longOf(row, t.DEAD_LETTER_ERRORS))
        .build();
  }

  /**
   * Sets every gauge of {@code builder} from its column in {@code row} (a rollup row or a {@code
   * metric_sample} row: the names are the same).
   */
  static UsageTotals.Builder gauges(Record row, UsageTotals.Builder builder) {
    gauges(row).forEach(builder::maximum);
    return builder;
  }

  /** The gauges {@code row} carries (a rollup or {@code metric_sample} row), by their columns. */
  static Map<Gauge, BigDecimal> gauges(Record row) {
    Map<Gauge, BigDecimal> maxima = new EnumMap<>(Gauge.class);
    for (Gauge gauge : Gauge.values()) {
      BigDecimal value = row.get(column(gauge), BigDecimal.class);
      if (value != null) {
        maxima.put(gauge, value);
      }
    }
    return maxima;
  }

  /** Writes {@code value} (nullable) into the column of {@code gauge}, at the column's scale. */
  static void setGauge(Record row, Gauge gauge, BigDecimal value) {
    setConverted(row, row.field(column(gauge)), value);
  }

  /** Writes {@code totals} into a {@code usage_hour} or {@code usage_day} record. */
  static void set(Record row, UsageTotals totals) {
    var t = USAGE_HOUR;
    row.set(row.field(t.REQUESTS), totals.requests());
    row.set(row.field(t.DURATION_MS_SUM), totals.durationMsSum());
    row.set(row.field(t.PC_ALLOCATED_S), totals.provisionedConcurrencySeconds());
    row.set(row.field(t.PC_GB_S), totals.provisionedConcurrencyGbSeconds());
    row.set(row.field(t.PC_REQUESTS), totals.provisionedRequests());
    row.set(row.field(t.PC_SPILLOVER_REQUESTS), totals.provisionedSpilloverRequests());
    row.set(row.field(t.PC_DURATION_MS_EST), totals.provisionedDurationMsEstimate());
    row.set(row.field(t.ERRORS), totals.errors());
    row.set(row.field(t.THROTTLES), totals.throttles());
    row.set(row.field(t.DEAD_LETTER_ERRORS), totals.deadLetterErrors());
    for (Gauge gauge : Gauge.values()) {
      setGauge(row, gauge, totals.maximum(gauge));
    }
  }

  /** A gauge column is {@code numeric} (rounded half up to its scale) or an integer. */
  private static <T> void setConverted(Record row, Field<T> column, BigDecimal value) {
    Class<T> type = column.getType();
    Object converted;
    if (value == null) {
      converted = null;
    } else if (type == BigDecimal.class) {
      converted =
          column.getDataType().hasScale()
              ? value.setScale(column.getDataType().scale(), RoundingMode.HALF_UP)
              : value;
    } else if (type == Integer.class) {
      converted = value.intValueExact();
    } else if (type == Long.class) {
      converted = value.longValueExact();
    } else {
      throw new IllegalStateException("gauge column " + column.getName() + " is of type " + type);
    }
    row.set(column, type.cast(converted));
  }

  private static long longOf(Record row, Field<?> column) {
    BigDecimal value = row.get(column.getName(), BigDecimal.class);
    return value == null ? 0 : value.longValueExact();
  }

  private static BigDecimal decimalOf(Record row, Field<?> column) {
    BigDecimal value = row.get(column.getName(), BigDecimal.class);
    return value == null ? BigDecimal.ZERO : value;
  }
}
