package io.lambdaledger.app;

import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.ReportLogScanner;
import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.db.ReportLogStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * One Logs Insights scan of the lookback: every function with invocations in it, the largest
 * duration (GB-s) first so that a tight budget reads the functions worth most; one Logs client per
 * account and Region, closed at the end.
 */
final class ReportScans {

  private ReportScans() {}

  static ReportLogScanner.Result scan(
      AwsClientFactory clients,
      Function<String, AwsAccount> accounts,
      UsageReader usage,
      ReportLogStore store,
      Clock clock,
      ReportLogScanner.Settings settings,
      LocalDate today,
      int lookbackDays) {
    LocalDate from = today.minusDays(lookbackDays);
    Map<FunctionKey, long[]> invocations = new HashMap<>();
    Map<FunctionKey, BigDecimal> gbSeconds = new HashMap<>();
    for (FunctionUsage u :
        usage.totals(
            from.atStartOfDay(ZoneOffset.UTC).toInstant(),
            today.atStartOfDay(ZoneOffset.UTC).toInstant())) {
      invocations.computeIfAbsent(u.function(), k -> new long[1])[0] += u.usage().requests();
      gbSeconds.merge(
          u.function(),
          GbSeconds.of(u.usage().durationMsSum(), u.configuration().memoryMb()),
          BigDecimal::add);
    }
    List<ReportLogScanner.Target> targets = new ArrayList<>();
    invocations.forEach((f, n) -> targets.add(new ReportLogScanner.Target(f, n[0])));
    targets.sort(
        Comparator.comparing((ReportLogScanner.Target t) -> gbSeconds.get(t.function()))
            .reversed()
            .thenComparing(ReportLogScanner.Target::function));
    Map<String, CloudWatchLogsClient> open = new HashMap<>();
    try {
      Function<FunctionKey, CloudWatchLogsClient> logs =
          f ->
              open.computeIfAbsent(
                  f.accountId() + "/" + f.region(),
                  k -> clients.logsClient(accounts.apply(f.accountId()), f.region()));
      return new ReportLogScanner(logs, store, clock, settings).scan(targets, from, today);
    } finally {
      open.values().forEach(CloudWatchLogsClient::close);
    }
  }
}
