package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The usage columns shared by {@code usage_hour} and {@code usage_day} (same names in both), and
 * their mapping to {@link UsageTotals}.
 */
final class Measures {

  private Measures() {}

  /** Sums (the maximum for the iterator age) of {@code table}'s usage columns, by name. */
  static List<Field<?>> aggregates(Table<?> table) {
    var t = USAGE_HOUR;
    return List.of(
        sum(table.field(t.REQUESTS)).as(t.REQUESTS.getName()),
        sum(table.field(t.DURATION_MS_SUM)).as(t.DURATION_MS_SUM.getName()),
        sum(table.field(t.PC_ALLOCATED_S)).as(t.PC_ALLOCATED_S.getName()),
        sum(table.field(t.PC_GB_S)).as(t.PC_GB_S.getName()),
        sum(table.field(t.PC_REQUESTS)).as(t.PC_REQUESTS.getName()),
        sum(table.field(t.PC_SPILLOVER_REQUESTS)).as(t.PC_SPILLOVER_REQUESTS.getName()),
        sum(table.field(t.PC_DURATION_MS_EST)).as(t.PC_DURATION_MS_EST.getName()),
        sum(table.field(t.ERRORS)).as(t.ERRORS.getName()),
        sum(table.field(t.THROTTLES)).as(t.THROTTLES.getName()),
        sum(table.field(t.DEAD_LETTER_ERRORS)).as(t.DEAD_LETTER_ERRORS.getName()),
        max(table.field(t.ITERATOR_AGE_MAX_MS)).as(t.ITERATOR_AGE_MAX_MS.getName()));
  }

  /** Reads the usage columns (plain or aggregated, by name) of a row. */
  static UsageTotals totals(Record row) {
    var t = USAGE_HOUR;
    return UsageTotals.builder()
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
        .iteratorAgeMaxMs(row.get(t.ITERATOR_AGE_MAX_MS.getName(), BigDecimal.class))
        .build();
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
    row.set(row.field(t.ITERATOR_AGE_MAX_MS), totals.iteratorAgeMaxMs());
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
