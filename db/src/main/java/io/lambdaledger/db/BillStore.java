package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.BILL_IMPORT;
import static io.lambdaledger.db.jooq.Tables.BILL_LINE;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.bill.BillImport;
import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.db.jooq.tables.records.BillImportRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The imported bill. An export version is written whole or not at all: {@link #replace} deletes the
 * billing period's lines of that export and writes the new ones in one transaction, so re-importing
 * the same or a restated export leaves exactly one version's lines.
 */
public final class BillStore {

  /** Rows per JDBC batch (H2). */
  private static final int BATCH = 1_000;

  /** Characters of COPY text sent at a time (PostgreSQL). */
  private static final int COPY_CHUNK = 1 << 18;

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
          ConnectionProvider connections = t.configuration().connectionProvider();
          Connection connection = connections.acquire();
          Writer writer;
          try {
            writer = new Writer(t, connection, header.exportUri(), header.billingPeriod());
            try {
              source.writeTo(writer);
            } catch (RuntimeException | Error e) {
              writer.abandon();
              throw e;
            } catch (Exception e) {
              writer.abandon();
              throw new BillSourceException(e);
            }
            writer.finish();
          } catch (SQLException e) {
            throw new DataAccessException("writing bill lines: " + e.getMessage(), e);
          } finally {
            connections.release(connection);
          }
          BillImport recorded =
              new BillImport(
                  header.exportUri(),
                  header.billingPeriod(),
                  header.table(),
                  header.version(),
                  writer.lines,
                  writer.billed,
                  header.importedAt());
          Upserts.upsertOne(
                  t,
                  new BillImportRecord(
                      recorded.exportUri(),
                      recorded.billingPeriod(),
                      recorded.table(),
                      recorded.version(),
                      recorded.lineItems(),
                      recorded.billedTotal(),
                      recorded.importedAt()),
                  List.of(BILL_IMPORT.EXPORT_URI, BILL_IMPORT.BILLING_PERIOD))
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
    List<Field<?>> keys =
        List.of(
            BILL_LINE.FUNCTION_ARN,
            BILL_LINE.USAGE_DATE,
            BILL_LINE.CHARGE_KIND,
            BILL_LINE.LINE_TYPE);
    return StoredBill.sums(
        dsl,
        BILL_LINE.BILLING_PERIOD.eq(billingPeriod),
        keys,
        keys,
        r ->
            new BilledAmount(
                r.get(BILL_LINE.FUNCTION_ARN),
                r.get(BILL_LINE.USAGE_DATE),
                ChargeKind.valueOf(r.get(BILL_LINE.CHARGE_KIND)),
                LineType.valueOf(r.get(BILL_LINE.LINE_TYPE)),
                r.get(StoredBill.USAGE_AMOUNT),
                r.get(StoredBill.LIST_COST),
                r.get(StoredBill.BILLED_COST),
                r.get(StoredBill.NET_COST)));
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  /**
   * Writes lines as they come, in the replacing transaction: PostgreSQL through {@code COPY ...
   * FROM STDIN} (text format, sent in chunks while the source is still reading), H2 as JDBC batches
   * of one prepared insert. No jOOQ query per line: an export's month can be millions of lines.
   */
  private static final class Writer implements LineSink {
    private final String exportUri;
    private final String period;
    private final Connection connection;
    private final CopyIn copy;
    private final StringBuilder text;
    private final PreparedStatement insert;
    private int batched;
    long lines;
    BigDecimal billed = BigDecimal.ZERO;

    Writer(DSLContext dsl, Connection connection, String exportUri, String period)
        throws SQLException {
      this.exportUri = exportUri;
      this.period = period;
      this.connection = connection;
      String columns = COLUMNS.stream().map(f -> f.getName()).collect(Collectors.joining(", "));
      if (dsl.dialect().family() == SQLDialect.POSTGRES) {
        copy =
            connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy bill_line (" + columns + ") from stdin");
        text = new StringBuilder(COPY_CHUNK + 1024);
        insert = null;
      } else {
        copy = null;
        text = null;
        insert =
            connection.prepareStatement(
                "insert into bill_line ("
                    + columns
                    + ") values ("
                    + String.join(", ", Collections.nCopies(COLUMNS.size(), "?"))
                    + ")");
      }
    }

    @Override
    public void add(int fileNo, long lineNo, BillLine l) {
      lines++;
      billed = billed.add(l.billedCost());
      try {
        if (copy != null) {
          copyRow(fileNo, lineNo, l);
          if (text.length() >= COPY_CHUNK) {
            sendCopy();
          }
        } else {
          insertRow(fileNo, lineNo, l);
        }
      } catch (SQLException e) {
        throw new DataAccessException("writing bill lines: " + e.getMessage(), e);
      }
    }

    private void copyRow(int fileNo, long lineNo, BillLine l) {
      StringBuilder t = text;
      copyText(t, exportUri).append('\t');
      copyText(t, period).append('\t');
      t.append(fileNo).append('\t');
      t.append(lineNo).append('\t');
      copyText(t, l.payerAccount()).append('\t');
      copyText(t, l.usageAccount()).append('\t');
      copyText(t, l.region()).append('\t');
      copyText(t, l.functionArn()).append('\t');
      t.append(l.usageDate()).append('\t');
      t.append(l.chargeKind().name()).append('\t');
      t.append(l.lineType().name()).append('\t');
      copyText(t, l.usageType()).append('\t');
      t.append(l.usageAmount().toPlainString()).append('\t');
      t.append(l.listCost().toPlainString()).append('\t');
      t.append(l.billedCost().toPlainString()).append('\t');
      t.append(l.netCost().toPlainString()).append('\t');
      copyText(t, l.invoiceId()).append('\n');
    }

    /** A text value in COPY's text format: backslash escapes, {@code \N} for null. */
    private static StringBuilder copyText(StringBuilder t, String value) {
      if (value == null) {
        return t.append("\\N");
      }
      if (plain(value)) {
        return t.append(value);
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> t.append("\\\\");
          case '\t' -> t.append("\\t");
          case '\n' -> t.append("\\n");
          case '\r' -> t.append("\\r");
          default -> t.append(c);
        }
      }
      return t;
    }

    private static boolean plain(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
          return false;
        }
      }
      return true;
    }

    private void sendCopy() throws SQLException {
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      text.setLength(0);
    }

    private void insertRow(int fileNo, long lineNo, BillLine l) throws SQLException {
      PreparedStatement s = insert;
      s.setString(1, exportUri);
      s.setString(2, period);
      s.setInt(3, fileNo);
      s.setLong(4, lineNo);
      s.setString(5, l.payerAccount());
      s.setString(6, l.usageAccount());
      s.setString(7, l.region());
      s.setString(8, l.functionArn());
      s.setObject(9, l.usageDate());
      s.setString(10, l.chargeKind().name());
      s.setString(11, l.lineType().name());
      s.setString(12, l.usageType());
      s.setBigDecimal(13, l.usageAmount());
      s.setBigDecimal(14, l.listCost());
      s.setBigDecimal(15, l.billedCost());
      s.setBigDecimal(16, l.netCost());
      s.setString(17, l.invoiceId());
      s.addBatch();
      if (++batched >= BATCH) {
        s.executeBatch();
        batched = 0;
      }
    }

    /** Sends what is buffered and ends the COPY; the transaction is still the caller's. */
    void finish() throws SQLException {
      if (copy != null) {
        if (!text.isEmpty()) {
          sendCopy();
        }
        copy.endCopy();
      } else {
        if (batched > 0) {
          insert.executeBatch();
          batched = 0;
        }
        insert.close();
      }
    }

    /** After a failure: cancels an open COPY so the connection can roll back. */
    void abandon() {
      try {
        if (copy != null && copy.isActive()) {
          copy.cancelCopy();
        }
        if (insert != null) {
          insert.close();
        }
      } catch (SQLException e) {
        // the transaction is rolled back whatever happens here
      }
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
