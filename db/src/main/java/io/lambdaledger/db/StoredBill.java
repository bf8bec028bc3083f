package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.BILL_LINE;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.core.ledger.BilledMonths;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The imported bill behind {@link BilledMonths}: amounts per function, day, kind and type. */
final class StoredBill implements BilledMonths {

  private final DSLContext dsl;

  StoredBill(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public List<BilledAmount> amounts(YearMonth month) {
    List<BilledAmount> out = new ArrayList<>();
    dsl.select(
            BILL_LINE.PAYER_ACCOUNT,
            BILL_LINE.USAGE_ACCOUNT,
            BILL_LINE.REGION,
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.USAGE_DATE,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE,
            sum(BILL_LINE.USAGE_AMOUNT),
            sum(BILL_LINE.LIST_COST),
            sum(BILL_LINE.BILLED_COST),
            sum(BILL_LINE.NET_COST),
            max(BILL_LINE.INVOICE_ID))
        .from(BILL_LINE)
        .where(BILL_LINE.BILLING_PERIOD.eq(month.toString()))
        .groupBy(
            BILL_LINE.PAYER_ACCOUNT,
            BILL_LINE.USAGE_ACCOUNT,
            BILL_LINE.REGION,
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.USAGE_DATE,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE)
        .orderBy(
            BILL_LINE.USAGE_ACCOUNT,
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.USAGE_DATE,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE)
        .forEach(
            r ->
                out.add(
                    new BilledAmount(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        ChargeKind.valueOf(r.value6()),
                        LineType.valueOf(r.value7()),
                        r.value8(),
                        r.value9(),
                        r.value10(),
                        r.value11(),
                        blankToNull(r.value12()))));
    return out;
  }

  @Override
  public Optional<Days> days(YearMonth month) {
    var r =
        dsl.select(min(BILL_LINE.USAGE_DATE), max(BILL_LINE.USAGE_DATE))
            .from(BILL_LINE)
            .where(BILL_LINE.BILLING_PERIOD.eq(month.toString()))
            .fetchOne();
    return r == null || r.value1() == null
        ? Optional.empty()
        : Optional.of(new Days(r.value1(), r.value2()));
  }

  /** Summed in the database: one row per function charge and line type, not per day. */
  @Override
  public List<BilledAmount> summed(YearMonth month, LocalDate from, LocalDate to) {
    List<BilledAmount> out = new ArrayList<>();
    dsl.select(
            BILL_LINE.PAYER_ACCOUNT,
            BILL_LINE.USAGE_ACCOUNT,
            BILL_LINE.REGION,
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE,
            sum(BILL_LINE.USAGE_AMOUNT),
            sum(BILL_LINE.LIST_COST),
            sum(BILL_LINE.BILLED_COST),
            sum(BILL_LINE.NET_COST),
            max(BILL_LINE.INVOICE_ID))
        .from(BILL_LINE)
        .where(BILL_LINE.BILLING_PERIOD.eq(month.toString()))
        .and(BILL_LINE.USAGE_DATE.ge(from))
        .and(BILL_LINE.USAGE_DATE.lt(to))
        .groupBy(
            BILL_LINE.PAYER_ACCOUNT,
            BILL_LINE.USAGE_ACCOUNT,
            BILL_LINE.REGION,
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE)
        .forEach(
            r ->
                out.add(
                    new BilledAmount(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        from,
                        ChargeKind.valueOf(r.value5()),
                        LineType.valueOf(r.value6()),
                        r.value7(),
                        r.value8(),
                        r.value9(),
                        r.value10(),
                        blankToNull(r.value11()))));
    return out;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
