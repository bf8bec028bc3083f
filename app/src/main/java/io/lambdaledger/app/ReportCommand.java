package io.lambdaledger.app;

import io.lambdaledger.app.config.LedgerConfig;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseUnavailableException;
import io.lambdaledger.db.UsageRollupStore;
import io.lambdaledger.db.WatermarkStore;
import io.lambdaledger.reports.MonthNotFinalException;
import io.lambdaledger.reports.MonthlyReports;
import io.lambdaledger.reports.ReportFormat;
import io.lambdaledger.reports.ReportRequest;
import io.lambdaledger.reports.ReportSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: a month's cost per function, as plain CSV or a FinOps FOCUS dataset. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes what every function cost in a month: per-function CSV or a FOCUS 1.2 dataset.",
      "A month that is not final yet is refused unless --allow-partial is given.",
      "See docs/reports.md."
    })
final class ReportCommand extends LedgerSubcommand {

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  @Option(
      names = "--month",
      required = true,
      paramLabel = "YYYY-MM",
      description = "The calendar month (UTC), e.g. 2026-10.")
  String month;

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "csv|focus",
      description = "csv (one row per function, default) or focus (FinOps FOCUS 1.2).")
  String format;

  @Option(
      names = "--output",
      paramLabel = "FILE|-",
      description = "File to write (atomically); - or absent: standard output.")
  String output;

  @Option(
      names = "--account",
      paramLabel = "ID",
      description = "Only this account (repeatable); default: every account.")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--tag",
      paramLabel = "KEY",
      description = "CSV only: add a tag:KEY column with that tag's value (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--allow-partial",
      description = "Write a month that is not final yet; every row then says PARTIAL.")
  boolean allowPartial;

  @Override
  public Integer call() {
    ReportRequest request = request();
    LedgerConfig config = main.config();
    Databases.requireExisting(config.database(), "nothing to report");
    try (Database database = Databases.open(config.database())) {
      requireUsage(database, request);
      MonthlyReports reports = reports(database, config);
      ReportSummary summary = write(reports, request);
      PrintWriter err = spec.commandLine().getErr();
      err.println("lambda-ledger: " + describe(summary));
      err.flush();
      return 0;
    } catch (MonthNotFinalException e) {
      throw new UsageException(e.getMessage() + "; pass --allow-partial to write it anyway");
    } catch (DatabaseUnavailableException e) {
      throw new UserFacingException(e.getMessage(), e);
    } catch (NoSuchElementException e) {
      throw new UserFacingException("cannot price " + month + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write the report to "
              + (toStandardOutput() ? "standard output" : output)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private ReportRequest request() {
    YearMonth yearMonth = CommandValues.month(month);
    ReportFormat reportFormat;
    try {
      reportFormat = ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format: " + e.getMessage());
    }
    for (String account : accounts) {
      if (!ACCOUNT_ID.matcher(account).matches()) {
        throw new UsageException(
            "--account must be a 12-digit AWS account id, got '" + account + "'");
      }
    }
    for (String tag : tags) {
      if (tag.isBlank()) {
        throw new UsageException("--tag needs a tag key");
      }
    }
    if (!tags.isEmpty() && reportFormat != ReportFormat.CSV) {
      throw new UsageException(
          "--tag adds columns to --format csv only; FOCUS carries every tag in its Tags column");
    }
    return new ReportRequest(
        yearMonth,
        reportFormat,
        accounts.isEmpty() ? AccountScope.all() : AccountScope.only(accounts),
        tags,
        allowPartial);
  }

  /**
   * A month without any collected usage is refused before anything is written: an empty report
   * would read as "cost nothing". A month not over yet is left to the finality check, which refuses
   * it first unless {@code --allow-partial}.
   */
  private static void requireUsage(Database database, ReportRequest request) {
    YearMonth current = YearMonth.now(Clock.systemUTC());
    if (request.month().isAfter(current)
        || (request.month().equals(current) && !request.allowPartial())) {
      return;
    }
    Instant start = request.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (new UsageRollupStore(database.dsl()).monthStamp(start).rows() == 0) {
      throw new UserFacingException(
          "no usage collected for "
              + request.month()
              + " in "
              + database.redactedUrl()
              + ": run collect (or serve) for that month first");
    }
  }

  private ReportSummary write(MonthlyReports reports, ReportRequest request) throws IOException {
    if (toStandardOutput()) {
      ReportSummary summary = reports.write(request, System.out);
      System.out.flush();
      return summary;
    }
    return reports.writeFile(request, Path.of(output)).summary();
  }

  private boolean toStandardOutput() {
    return output == null || output.equals("-");
  }

  private String describe(ReportSummary summary) {
    return "report "
        + summary.month()
        + " ("
        + summary.format().id()
        + "): "
        + summary.functionRows()
        + " function rows, "
        + summary.lines()
        + " lines, total "
        + summary.totalCost().toPlainString()
        + " "
        + summary.currency()
        + (summary.partial() ? ", PARTIAL (month not final)" : "")
        + (toStandardOutput() ? "" : ", written to " + output);
  }

  /**
   * The reports service as {@code serve} builds it: the stored price books (the API prices with the
   * same), the collector's watermarks for finality.
   */
  private static MonthlyReports reports(Database database, LedgerConfig config) {
    Clock clock = Clock.systemUTC();
    return new MonthlyReports(
        database.dsl(),
        new WatermarkStore(database.dsl(), clock)::list,
        new CollectionRunStore(database.dsl())::collectedWindows,
        StoredPriceBooks.load(database),
        MonthlyReports.finalityHorizon(config.collector().finalityMargin()),
        clock);
  }
}
