package io.lambdaledger.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the reports of closed months into a folder, for {@code serve} to run on a schedule.
 *
 * <p>A month is closed once its usage is final for every account (past the finality horizon and
 * collected). Each run writes every closed month whose file is missing, and rewrites the latest
 * {@code recheckMonths} closed months if their content changed (late data, a new price book).
 * Writing is idempotent and atomic: the same content leaves a file untouched, new content replaces
 * it in one move, and readers never see half a file. Several instances may run it at once on a
 * shared folder.
 */
public final class ClosedMonthReportJob {

  private static final Logger LOG = LoggerFactory.getLogger(ClosedMonthReportJob.class);

  /** One file a run wrote or checked. */
  public record Result(YearMonth month, ReportFormat format, ReportFile file) {}

  private final MonthlyReports reports;
  private final Path directory;
  private final List<ReportFormat> formats;
  private final int recheckMonths;

  /**
   * @param directory where the files go, created if missing
   * @param formats which formats to write for each month
   * @param recheckMonths how many of the latest closed months are regenerated on each run to pick
   *     up late changes (0: only missing files are written)
   */
  public ClosedMonthReportJob(
      MonthlyReports reports, Path directory, List<ReportFormat> formats, int recheckMonths) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.formats = List.copyOf(formats);
    if (recheckMonths < 0) {
      throw new IllegalArgumentException("recheckMonths must be zero or more");
    }
    this.recheckMonths = recheckMonths;
  }

  /** With the latest closed month rechecked on each run. */
  public ClosedMonthReportJob(MonthlyReports reports, Path directory, List<ReportFormat> formats) {
    this(reports, directory, formats, 1);
  }

  /** Writes what is missing or changed; returns one result per file considered. */
  public List<Result> run() throws IOException {
    List<YearMonth> closed = reports.finalMonths();
    List<YearMonth> recheck =
        closed.subList(Math.max(0, closed.size() - recheckMonths), closed.size());
    List<Result> results = new ArrayList<>();
    for (YearMonth month : closed) {
      for (ReportFormat format : formats) {
        Path file = directory.resolve(format.fileName(month));
        if (Files.exists(file) && !recheck.contains(month)) {
          continue;
        }
        results.add(write(month, format, file));
      }
    }
    return results;
  }

  private Result write(YearMonth month, ReportFormat format, Path path) throws IOException {
    ReportFile file = reports.writeFile(ReportRequest.of(month, format), path);
    if (file.outcome() != ReportFile.Outcome.UNCHANGED) {
      LOG.info(
          "report {} file={} month={} format={} lines={} total={} {}",
          file.outcome().name().toLowerCase(Locale.ROOT),
          path,
          month,
          format.id(),
          file.summary().lines(),
          file.summary().totalCost(),
          file.summary().currency());
    }
    return new Result(month, format, file);
  }
}
