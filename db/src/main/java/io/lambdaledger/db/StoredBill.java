package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.BILL_LINE;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.core.ledger.BilledMonths;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;

/** The imported bill behind {@link BilledMonths}: amounts per function, day, kind and type. */
final class StoredBill implements BilledMonths {

  static final Field<BigDecimal> USAGE_AMOUNT = sum(BILL_LINE.USAGE_AMOUNT).as("usage_amount");
  static final Field<BigDecimal> LIST_COST = sum(BILL_LINE.LIST_COST).as("list_cost");
  static final Field<BigDecimal> BILLED_COST = sum(BILL_LINE.BILLED_COST).as("billed_cost");
  static final Field<BigDecimal> NET_COST = sum(BILL_LINE.NET_COST).as("net_cost");

  /** One of the invoices the summed lines are on. */
  private static final Field<String> INVOICE_ID = max(BILL_LINE.INVOICE_ID).as("invoice_id");

  /** The keys a billed amount of the whole month is summed per: one row a day. */
  private static final List<Field<?>> ACCOUNT_FUNCTION_DAY_CHARGE =
      List.of(
          BILL_LINE.PAYER_ACCOUNT,
          BILL_LINE.USAGE_ACCOUNT,
          BILL_LINE.REGION,
          BILL_LINE.FUNCTION_ARN,
          BILL_LINE.USAGE_DATE,
          BILL_LINE.CHARGE_KIND,
          BILL_LINE.LINE_TYPE);

  /** The same without the day: one row for all the days summed. */
  private static final List<Field<?>> ACCOUNT_FUNCTION_CHARGE =
      ACCOUNT_FUNCTION_DAY_CHARGE.stream().filter(key -> key != BILL_LINE.USAGE_DATE).toList();

  private final DSLContext dsl;

  StoredBill(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public List<BilledAmount> amounts(YearMonth month) {
    return sums(
        dsl,
        BILL_LINE.BILLING_PERIOD.eq(month.toString()),
        ACCOUNT_FUNCTION_DAY_CHARGE,
        List.of(
            BILL_LINE.USAGE_ACCOUNT,
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.USAGE_DATE,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE),
        r -> amount(r, r.get(BILL_LINE.USAGE_DATE)));
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
    return sums(
        dsl,
        BILL_LINE
            .BILLING_PERIOD
            .eq(month.toString())
            .and(BILL_LINE.USAGE_DATE.ge(from))
            .and(BILL_LINE.USAGE_DATE.lt(to)),
        ACCOUNT_FUNCTION_CHARGE,
        List.of(),
        r -> amount(r, from));
  }

  /**
   * The bill lines where {@code where} holds, summed per {@code keys} (with the sums {@link
   * #USAGE_AMOUNT}, {@link #LIST_COST}, {@link #BILLED_COST}, {@link #NET_COST} and {@link
   * #INVOICE_ID}), ordered by {@code order}, each row mapped by {@code row}.
   */
  static <T> List<T> sums(
      DSLContext dsl,
      Condition where,
      List<Field<?>> keys,
      List<Field<?>> order,
      RecordMapper<Record, T> row) {
    List<Field<?>> fields = new ArrayList<>(keys);
    fields.addAll(List.of(USAGE_AMOUNT, LIST_COST, BILLED_COST, NET_COST, INVOICE_ID));
    return dsl.select(fields).from(BILL_LINE).where(where).groupBy(keys).orderBy(order).fetch(row);
  }

  private static BilledAmount amount(Record r, LocalDate usageDate) {
    return new BilledAmount(
        r.get(BILL_LINE.PAYER_ACCOUNT),
        r.get(BILL_LINE.USAGE_ACCOUNT),
        r.get(BILL_LINE.REGION),
        r.get(BILL_LINE.FUNCTION_ARN),
        usageDate,
        ChargeKind.valueOf(r.get(BILL_LINE.CHARGE_KIND)),
        LineType.valueOf(r.get(BILL_LINE.LINE_TYPE)),
        r.get(USAGE_AMOUNT),
        r.get(LIST_COST),
        r.get(BILLED_COST),
        r.get(NET_COST),
        blankToNull(r.get(INVOICE_ID)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
