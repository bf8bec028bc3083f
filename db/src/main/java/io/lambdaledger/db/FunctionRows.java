package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.FUNCTION_CONFIG;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_TAG;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;

import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectOnConditionStep;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * Selects of the tables kept per function, joined with {@code lambda_function} so that the rows can
 * be chosen by the function's account, Region or name.
 */
final class FunctionRows {

  /** A table of periods per function, closed by {@code valid_to} (null while open). */
  record PeriodTable(
      Table<?> table,
      TableField<?, Long> functionId,
      TableField<?, Instant> validFrom,
      TableField<?, Instant> validTo,
      TableField<?, String> provenance) {}

  /** The configuration periods, then the provisioned concurrency periods. */
  static final List<PeriodTable> PERIOD_TABLES =
      List.of(
          new PeriodTable(
              FUNCTION_CONFIG,
              FUNCTION_CONFIG.FUNCTION_ID,
              FUNCTION_CONFIG.VALID_FROM,
              FUNCTION_CONFIG.VALID_TO,
              FUNCTION_CONFIG.PROVENANCE),
          new PeriodTable(
              PROVISIONED_CONCURRENCY,
              PROVISIONED_CONCURRENCY.FUNCTION_ID,
              PROVISIONED_CONCURRENCY.VALID_FROM,
              PROVISIONED_CONCURRENCY.VALID_TO,
              PROVISIONED_CONCURRENCY.PROVENANCE));

  private FunctionRows() {}

  /** {@code SELECT fields FROM t JOIN lambda_function ON lambda_function.id = t.function_id}. */
  static SelectOnConditionStep<Record> withFunction(
      DSLContext dsl, TableField<?, Long> functionId, SelectFieldOrAsterisk... fields) {
    return dsl.select(fields)
        .from(functionId.getTable())
        .join(LAMBDA_FUNCTION)
        .on(LAMBDA_FUNCTION.ID.eq(functionId));
  }

  /** Every column of the configuration periods of the {@code functions}. */
  static SelectConditionStep<Record> configurations(DSLContext dsl, Condition functions) {
    return withFunction(dsl, FUNCTION_CONFIG.FUNCTION_ID, FUNCTION_CONFIG.fields())
        .where(functions);
  }

  /** Every column of the provisioned concurrency periods of the {@code functions}. */
  static SelectConditionStep<Record> provisionedConcurrency(DSLContext dsl, Condition functions) {
    return withFunction(dsl, PROVISIONED_CONCURRENCY.FUNCTION_ID, PROVISIONED_CONCURRENCY.fields())
        .where(functions);
  }

  /** Every column of the tags of the {@code functions}. */
  static SelectConditionStep<Record> tags(DSLContext dsl, Condition functions) {
    return withFunction(dsl, FUNCTION_TAG.FUNCTION_ID, FUNCTION_TAG.fields()).where(functions);
  }

  /** Provisioned concurrency periods that overlap {@code [from, to)}. */
  static Condition provisionedDuring(Instant from, Instant to) {
    return PROVISIONED_CONCURRENCY
        .VALID_FROM
        .lt(to)
        .and(
            PROVISIONED_CONCURRENCY
                .VALID_TO
                .isNull()
                .or(PROVISIONED_CONCURRENCY.VALID_TO.gt(from)));
  }
}
