package io.lambdaledger.core.advice;

import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ReportLogDay;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one function over the lookback.
 *
 * @param usage stored usage per billing configuration, summed over the lookback
 * @param hours the same per hour, for functions with provisioned concurrency (its busiest hour and
 *     the days it spilled over); may be empty for the others
 * @param reportDays the Logs Insights aggregates of its REPORT lines (empty if not scanned)
 */
public record FunctionEvidence(
    LambdaFunction function,
    List<FunctionUsage> usage,
    List<UsageReader.Bucket> hours,
    List<ReportLogDay> reportDays) {

  public FunctionEvidence {
    Objects.requireNonNull(function, "function");
    usage = List.copyOf(usage);
    hours = List.copyOf(hours);
    reportDays = List.copyOf(reportDays);
  }
}
