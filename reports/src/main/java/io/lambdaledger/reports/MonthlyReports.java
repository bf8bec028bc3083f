package io.lambdaledger.reports;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.pricing.PriceBooks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Writes monthly reports: checks the month is final (or that a partial report was asked for), then
 * streams the month's rows into the chosen format as they are produced. The same rows give {@link
 * #totalCost}, so a report's total and the API's can be compared.
 */
public final class MonthlyReports {

  static final String DEFAULT_CURRENCY = "USD";

  private final RowSource source;
  private final MonthFinality finality;

  /**
   * @param priceBooks the price books the API prices with too (same versions, same months)
   * @param finalityHorizon how long after a month's end usage can still arrive: the longest Lambda
   *     timeout plus the collector's finality margin
   */
  public MonthlyReports(
      DSLContext dsl,
      CollectionProgress progress,
      PriceBooks priceBooks,
      Duration finalityHorizon,
      Clock clock) {
    this(dsl, progress, CollectionCoverage.none(), priceBooks, finalityHorizon, clock);
  }

  /**
   * @param coverage the windows collection runs completed: a month with a day no run covered is not
   *     final, however it was collected
   */
  public MonthlyReports(
      DSLContext dsl,
      CollectionProgress progress,
      CollectionCoverage coverage,
      PriceBooks priceBooks,
      Duration finalityHorizon,
      Clock clock) {
    this(
        new StoredRows(dsl, priceBooks, clock),
        new WatermarkFinality(progress, coverage, finalityHorizon, clock));
  }

  MonthlyReports(RowSource source, MonthFinality finality) {
    this.source = source;
    this.finality = finality;
  }

  /** The horizon for a collector finality margin: Lambda's longest timeout plus the margin. */
  public static Duration finalityHorizon(Duration finalityMargin) {
    return Duration.ofSeconds(FunctionConfiguration.MAX_TIMEOUT_SECONDS).plus(finalityMargin);
  }

  /**
   * Writes the report to {@code out} (UTF-8; flushed, not closed).
   *
   * @throws MonthNotFinalException before writing anything, if the month is not final and {@link
   *     ReportRequest#allowPartial()} is false
   */
  public ReportSummary write(ReportRequest request, OutputStream out) throws IOException {
    MonthFinality.Status status = finality.check(request.month(), request.accounts());
    if (!status.isFinal() && !request.allowPartial()) {
      throw new MonthNotFinalException(request.month(), status.finalAt(), status.reason());
    }
    String partialNote = status.isFinal() ? null : partialNote(status);
    Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    RowWriter writer =
        request.format() == ReportFormat.CSV
            ? new PlainCsvWriter(text, request.tagColumns())
            : new FocusCsvWriter(text);
    Tally tally = new Tally();
    source.rows(
        request.month(),
        request.accounts(),
        row -> {
          ReportRow written = partialNote == null ? row : row.withFirstNote(partialNote);
          writer.write(written);
          tally.add(written, request.format());
        });
    writer.finish();
    text.flush();
    return new ReportSummary(
        request.month(),
        request.format(),
        tally.rows,
        tally.lines,
        tally.total,
        tally.currency,
        partialNote != null);
  }

  /**
   * Writes the report to {@code file} through a temporary file in the same folder, moved into place
   * atomically; when the file already holds exactly this report it is left untouched.
   *
   * @throws MonthNotFinalException as {@link #write}; the file is then not touched
   */
  public ReportFile writeFile(ReportRequest request, Path file) throws IOException {
    ReportSummary[] summary = new ReportSummary[1];
    ReportFile.Outcome outcome =
        ReportFiles.writeIfChanged(file, out -> summary[0] = write(request, out));
    return new ReportFile(file, outcome, summary[0]);
  }

  /**
   * The sum of {@code total_cost} a report of {@code month} for these accounts has, whether or not
   * the month is final: the same rows the report writes, added up.
   */
  public BigDecimal totalCost(YearMonth month, AccountScope accounts) {
    Tally tally = new Tally();
    try {
      source.rows(month, accounts, row -> tally.add(row, ReportFormat.CSV));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tally.total;
  }

  /** Whether the month's usage is final for these accounts (no more data will arrive). */
  public boolean isFinal(YearMonth month, AccountScope accounts) {
    return finality.check(month, accounts).isFinal();
  }

  /** Months with stored usage whose data is final for every account, ascending. */
  public List<YearMonth> finalMonths() {
    return source.monthsWithUsage().stream()
        .filter(month -> isFinal(month, AccountScope.all()))
        .toList();
  }

  static String partialNote(MonthFinality.Status status) {
    return "PARTIAL: month not final, figures can still change (" + status.reason() + ")";
  }

  /** Counts and sums what was written. */
  private static final class Tally {
    long rows;
    long lines;
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    String currency = DEFAULT_CURRENCY;

    void add(ReportRow row, ReportFormat format) {
      rows++;
      // FOCUS: one line per charge; a row without prices is a Requests and a Duration line.
      lines += format == ReportFormat.CSV ? 1 : row.priced() ? row.charges().size() : 2;
      total = total.add(row.totalCost());
      currency = row.currency();
    }
  }
}
