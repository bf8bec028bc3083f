package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.BUDGET;

import io.lambdaledger.core.alerting.Budget;
import io.lambdaledger.core.alerting.BudgetBook;
import io.lambdaledger.db.jooq.tables.records.BudgetRecord;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;

/** Budgets set over the API: one row per name, written with an upsert. */
public final class BudgetStore implements BudgetBook {

  private final DSLContext dsl;
  private final Clock clock;

  public BudgetStore(DSLContext dsl, Clock clock) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<Budget> list() {
    return dsl.selectFrom(BUDGET).orderBy(BUDGET.NAME).fetch().stream()
        .map(
            row ->
                new Budget(
                    row.getName(),
                    row.getAccountId(),
                    row.getFunctionName(),
                    row.getTag(),
                    row.getAmount(),
                    row.getCurrency(),
                    "api"))
        .toList();
  }

  @Override
  public void put(Budget budget) {
    Upserts.upsertOne(
            dsl,
            new BudgetRecord(
                budget.name(),
                budget.accountId(),
                budget.function(),
                budget.tag(),
                budget.amount(),
                budget.currency(),
                clock.instant()),
            List.of(BUDGET.NAME))
        .execute();
  }

  @Override
  public boolean delete(String name) {
    return dsl.deleteFrom(BUDGET).where(BUDGET.NAME.eq(name)).execute() > 0;
  }
}
