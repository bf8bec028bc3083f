package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.BILL_IMPORT;
import static io.lambdaledger.db.jooq.Tables.BILL_LINE;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.bill.BillImport;
import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The imported bill. An export version is written whole or not at all: {@link #replace} deletes the
 * billing period's lines of that export and writes the new ones in one transaction, so re-importing
 * the same or a restated export leaves exactly one version's lines.
 */
public final class BillStore {

  /** Rows per multi-row insert. */
  private static final int BATCH = 1_000;

  private final DSLContext dsl;

  public BillStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Where {@link LineSource} puts its lines: numbered by file and line within the file. */
  public interface LineSink {
    void add(int fileNo, long lineNo, BillLine line);
  }

  /** Streams one export version's lines; may be run again if the transaction is retried. */
  public interface LineSource {
    void writeTo(LineSink sink) throws Exception;
  }

  /** The version imported for the export and billing period, if any. */
  public Optional<BillImport> imported(String exportUri, String billingPeriod) {
    return dsl.selectFrom(BILL_IMPORT)
        .where(BILL_IMPORT.EXPORT_URI.eq(exportUri))
        .and(BILL_IMPORT.BILLING_PERIOD.eq(billingPeriod))
        .fetchOptional()
        .map(
            r ->
                new BillImport(
                    r.getExportUri(),
                    r.getBillingPeriod(),
                    r.getExportTable(),
                    r.getVersion(),
                    r.getLineItems(),
                    r.getBilledTotal(),
                    r.getImportedAt()));
  }

  /**
   * Replaces the period's lines of the export with the source's, and records the version, in one
   * transaction. If the source fails, nothing changes.
   *
   * @param header the version; its {@code lineItems} and {@code billedTotal} are recomputed
   * @return the recorded version
   */
  public BillImport replace(BillImport header, LineSource source) {
    return Transactions.inTransaction(
        dsl,
        tx -> {
          DSLContext t = tx.dsl();
          t.deleteFrom(BILL_LINE)
              .where(BILL_LINE.EXPORT_URI.eq(header.exportUri()))
              .and(BILL_LINE.BILLING_PERIOD.eq(header.billingPeriod()))
              .execute();
          Writer writer = new Writer(t, header.exportUri(), header.billingPeriod());
          try {
            source.writeTo(writer);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new BillSourceException(e);
          }
          writer.flush();
          BillImport recorded =
              new BillImport(
                  header.exportUri(),
                  header.billingPeriod(),
                  header.table(),
                  header.version(),
                  writer.lines,
                  writer.billed,
                  header.importedAt());
          t.insertInto(
                  BILL_IMPORT,
                  BILL_IMPORT.EXPORT_URI,
                  BILL_IMPORT.BILLING_PERIOD,
                  BILL_IMPORT.EXPORT_TABLE,
                  BILL_IMPORT.VERSION,
                  BILL_IMPORT.LINE_ITEMS,
                  BILL_IMPORT.BILLED_TOTAL,
                  BILL_IMPORT.IMPORTED_AT)
              .values(
                  recorded.exportUri(),
                  recorded.billingPeriod(),
                  recorded.table(),
                  recorded.version(),
                  recorded.lineItems(),
                  recorded.billedTotal(),
                  recorded.importedAt())
              .onConflict(BILL_IMPORT.EXPORT_URI, BILL_IMPORT.BILLING_PERIOD)
              .doUpdate()
              .set(BILL_IMPORT.EXPORT_TABLE, excluded(BILL_IMPORT.EXPORT_TABLE))
              .set(BILL_IMPORT.VERSION, excluded(BILL_IMPORT.VERSION))
              .set(BILL_IMPORT.LINE_ITEMS, excluded(BILL_IMPORT.LINE_ITEMS))
              .set(BILL_IMPORT.BILLED_TOTAL, excluded(BILL_IMPORT.BILLED_TOTAL))
              .set(BILL_IMPORT.IMPORTED_AT, excluded(BILL_IMPORT.IMPORTED_AT))
              .execute();
          return recorded;
        });
  }

  /** Thrown out of {@link #replace} when the source failed with a checked exception. */
  public static final class BillSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BillSourceException(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Sums of the period's lines over every export.
   *
   * @param billed the invoice total (sum of billed cost)
   * @param net the sum of net (effective) cost
   * @param list the sum of list (public on-demand) cost
   * @param unallocated billed cost of lines without a function
   */
  public record PeriodTotals(
      BigDecimal billed, BigDecimal net, BigDecimal list, BigDecimal unallocated, long lines) {}

  public PeriodTotals totals(String billingPeriod) {
    Record r =
        dsl.select(
                sum(BILL_LINE.BILLED_COST),
                sum(BILL_LINE.NET_COST),
                sum(BILL_LINE.LIST_COST),
                DSL_COUNT)
            .from(BILL_LINE)
            .where(BILL_LINE.BILLING_PERIOD.eq(billingPeriod))
            .fetchOne();
    BigDecimal unallocated =
        dsl.select(sum(BILL_LINE.BILLED_COST))
            .from(BILL_LINE)
            .where(BILL_LINE.BILLING_PERIOD.eq(billingPeriod))
            .and(BILL_LINE.FUNCTION_ARN.isNull())
            .fetchOne(0, BigDecimal.class);
    return new PeriodTotals(
        orZero(r.get(0, BigDecimal.class)),
        orZero(r.get(1, BigDecimal.class)),
        orZero(r.get(2, BigDecimal.class)),
        orZero(unallocated),
        r.get(3, Long.class));
  }

  private static final org.jooq.AggregateFunction<Integer> DSL_COUNT = org.jooq.impl.DSL.count();

  /**
   * Billed amounts of the period per function, day, charge kind and line type: what reconciliation
   * reads. Unallocated lines come with a null function.
   */
  public record BilledAmount(
      String functionArn,
      LocalDate usageDate,
      ChargeKind chargeKind,
      LineType lineType,
      BigDecimal usageAmount,
      BigDecimal listCost,
      BigDecimal billedCost,
      BigDecimal netCost) {}

  public List<BilledAmount> amounts(String billingPeriod) {
    List<BilledAmount> out = new ArrayList<>();
    dsl.select(
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.USAGE_DATE,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE,
            sum(BILL_LINE.USAGE_AMOUNT),
            sum(BILL_LINE.LIST_COST),
            sum(BILL_LINE.BILLED_COST),
            sum(BILL_LINE.NET_COST))
        .from(BILL_LINE)
        .where(BILL_LINE.BILLING_PERIOD.eq(billingPeriod))
        .groupBy(
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.USAGE_DATE,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE)
        .orderBy(
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
                        ChargeKind.valueOf(r.value3()),
                        LineType.valueOf(r.value4()),
                        r.value5(),
                        r.value6(),
                        r.value7(),
                        r.value8())));
    return out;
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  /** Buffers lines and writes them in multi-row inserts. */
  private static final class Writer implements LineSink {
    private final DSLContext dsl;
    private final String exportUri;
    private final String period;
    private final List<Object[]> rows = new ArrayList<>(BATCH);
    long lines;
    BigDecimal billed = BigDecimal.ZERO;

    Writer(DSLContext dsl, String exportUri, String period) {
      this.dsl = dsl;
      this.exportUri = exportUri;
      this.period = period;
    }

    @Override
    public void add(int fileNo, long lineNo, BillLine l) {
      rows.add(
          new Object[] {
            exportUri,
            period,
            fileNo,
            lineNo,
            l.payerAccount(),
            l.usageAccount(),
            l.region(),
            l.functionArn(),
            l.usageDate(),
            l.chargeKind().name(),
            l.lineType().name(),
            l.usageType(),
            l.usageAmount(),
            l.listCost(),
            l.billedCost(),
            l.netCost(),
            l.invoiceId()
          });
      lines++;
      billed = billed.add(l.billedCost());
      if (rows.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      if (rows.isEmpty()) {
        return;
      }
      // One prepared statement, bound once per row and sent as a JDBC batch: no SQL to render
      // per row, one round trip per batch.
      BatchBindStep batch =
          dsl.batch(dsl.insertInto(BILL_LINE, COLUMNS).values(new Object[COLUMNS.size()]));
      for (Object[] row : rows) {
        batch = batch.bind(row);
      }
      batch.execute();
      rows.clear();
    }
  }

  private static final List<Field<?>> COLUMNS =
      List.of(
          BILL_LINE.EXPORT_URI,
          BILL_LINE.BILLING_PERIOD,
          BILL_LINE.FILE_NO,
          BILL_LINE.LINE_NO,
          BILL_LINE.PAYER_ACCOUNT,
          BILL_LINE.USAGE_ACCOUNT,
          BILL_LINE.REGION,
          BILL_LINE.FUNCTION_ARN,
          BILL_LINE.USAGE_DATE,
          BILL_LINE.CHARGE_KIND,
          BILL_LINE.LINE_TYPE,
          BILL_LINE.USAGE_TYPE,
          BILL_LINE.USAGE_AMOUNT,
          BILL_LINE.LIST_COST,
          BILL_LINE.BILLED_COST,
          BILL_LINE.NET_COST,
          BILL_LINE.INVOICE_ID);
}
