package io.lambdaledger.api.operations;

import io.javalin.http.Context;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.model.AccountScope;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /reports/{month}.csv?format=csv|focus}: the monthly report, streamed. */
public record ReportsController(MonthlyReportSource reports, WindowParser windows) {

  private static final Pattern FILE = Pattern.compile("(\\d{4}-\\d{2})\\.csv");

  public void get(Context ctx) throws IOException {
    QueryParams params = QueryParams.of(ctx, Set.of("format", "allowPartial"));
    Matcher file = FILE.matcher(ctx.pathParam("file"));
    if (!file.matches()) {
      throw ApiProblem.badParameter(
          "month", "the report is named by its month: /api/v1/reports/2026-10.csv");
    }
    YearMonth month = windows.parseMonth("month", file.group(1));
    MonthlyReportSource.Format format = format(params.getOrDefault("format", "csv"));
    boolean allowPartial = params.flag("allowPartial");
    AccountScope scope = Caller.of(ctx).scope();
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"lambda-ledger-"
            + month
            + (format == MonthlyReportSource.Format.FOCUS ? "-focus" : "")
            + ".csv\"");
    OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024);
    reports.write(month, format, scope, allowPartial, out);
    out.flush();
  }

  private static MonthlyReportSource.Format format(String raw) {
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "csv" -> MonthlyReportSource.Format.CSV;
      case "focus" -> MonthlyReportSource.Format.FOCUS;
      default ->
          throw ApiProblem.badParameter(
              "format", "'format' must be csv or focus; got '" + WindowParser.shorten(raw) + "'");
    };
  }
}
