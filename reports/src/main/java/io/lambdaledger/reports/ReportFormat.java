package io.lambdaledger.reports;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two monthly report formats. */
public enum ReportFormat {
  /** One row per function and configuration, for spreadsheets and finance. */
  CSV("csv"),
  /** A FinOps FOCUS 1.2 cost-and-usage dataset, for FinOps tools. */
  FOCUS("focus");

  private final String id;

  ReportFormat(String id) {
    this.id = id;
  }

  /** The name used on the command line, in the API and in configuration. */
  public String id() {
    return id;
  }

  /**
   * The file a scheduled report of {@code month} is written to, e.g. {@code
   * lambda-costs-2026-10.csv}.
   */
  public String fileName(YearMonth month) {
    return this == CSV ? "lambda-costs-" + month + ".csv" : "lambda-costs-" + month + "-focus.csv";
  }

  /**
   * Parses {@code csv} or {@code focus}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static ReportFormat parse(String value) {
    for (ReportFormat format : values()) {
      if (format.id.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown report format '"
            + value
            + "': expected "
            + Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(" or ")));
  }
}
