package io.lambdaledger.reports;

import io.lambdaledger.core.model.AccountScope;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rows and finality held in memory, for testing what {@link MonthlyReports} and the job do with
 * them (the priced source over the database has its own tests).
 */
final class InMemoryMonths implements RowSource, MonthFinality {

  final Map<YearMonth, List<ReportRow>> rows = new TreeMap<>();
  final Set<YearMonth> finalMonths = new HashSet<>();

  InMemoryMonths month(YearMonth month, boolean isFinal, ReportRow... monthRows) {
    rows.put(month, new ArrayList<>(List.of(monthRows)));
    if (isFinal) {
      finalMonths.add(month);
    } else {
      finalMonths.remove(month);
    }
    return this;
  }

  @Override
  public void rows(YearMonth month, AccountScope accounts, Sink sink) throws IOException {
    for (ReportRow row : rows.getOrDefault(month, List.of())) {
      if (accounts.includes(row.accountId())) {
        sink.accept(row);
      }
    }
  }

  @Override
  public List<YearMonth> monthsWithUsage() {
    return List.copyOf(rows.keySet());
  }

  @Override
  public Status check(YearMonth month, AccountScope accounts) {
    Instant finalAt = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return finalMonths.contains(month)
        ? new Status(true, finalAt, "")
        : new Status(false, finalAt, "usage can still change until " + finalAt);
  }

  MonthlyReports reports() {
    return new MonthlyReports(this, this);
  }
}
