package io.lambdaledger.core.costing;

import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored usage in memory for core tests: hourly buckets, summed for totals and days as the rollups
 * are; counts the reads, and its month stamp changes when usage is added.
 */
final class HourlyUsage implements UsageReader {

  static final BillingConfiguration CONFIG =
      new BillingConfiguration(1024, Architecture.X86_64, 512);

  private final List<Bucket> hours = new ArrayList<>();
  private int writes;
  int totalsReads;
  int bucketReads;

  /**
   * {@code requests} of 1 s each at 1,024 MB (1 GB-second each) in the hour starting at {@code
   * hour}.
   */
  HourlyUsage add(Instant hour, String account, String payer, String function, long requests) {
    UsageTotals totals = UsageTotals.ofInvocations(requests, BigDecimal.valueOf(requests * 1000));
    hours.add(
        new Bucket(
            hour,
            new FunctionUsage(
                new FunctionKey(account, "us-east-1", function), payer, CONFIG, totals)));
    writes++;
    return this;
  }

  @Override
  public List<FunctionUsage> totals(Instant start, Instant end) {
    totalsReads++;
    return List.copyOf(sum(start, end, null).values());
  }

  @Override
  public List<Bucket> buckets(Granularity granularity, Instant start, Instant end) {
    bucketReads++;
    return bucketsOf(null, granularity, start, end);
  }

  @Override
  public List<Bucket> functionBuckets(
      FunctionKey function, Granularity granularity, Instant start, Instant end) {
    return bucketsOf(function, granularity, start, end);
  }

  @Override
  public Object monthStamp(Instant monthStart) {
    return writes;
  }

  private List<Bucket> bucketsOf(
      FunctionKey function, Granularity granularity, Instant start, Instant end) {
    ChronoUnit unit = granularity == Granularity.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS;
    Map<List<Object>, Bucket> out = new LinkedHashMap<>();
    for (Bucket hour : within(start, end, function)) {
      Instant bucketStart = hour.start().truncatedTo(unit);
      FunctionUsage u = hour.usage();
      out.merge(
          List.of(bucketStart, u.function(), u.payerAccountId()),
          new Bucket(bucketStart, u),
          (a, b) -> new Bucket(bucketStart, plus(a.usage(), b.usage())));
    }
    return List.copyOf(out.values());
  }

  private Map<List<Object>, FunctionUsage> sum(Instant start, Instant end, FunctionKey function) {
    Map<List<Object>, FunctionUsage> out = new LinkedHashMap<>();
    for (Bucket hour : within(start, end, function)) {
      FunctionUsage u = hour.usage();
      out.merge(List.of(u.function(), u.payerAccountId()), u, HourlyUsage::plus);
    }
    return out;
  }

  private List<Bucket> within(Instant start, Instant end, FunctionKey function) {
    return hours.stream()
        .filter(h -> !h.start().isBefore(start) && h.start().isBefore(end))
        .filter(h -> function == null || h.usage().function().equals(function))
        .toList();
  }

  private static FunctionUsage plus(FunctionUsage a, FunctionUsage b) {
    return new FunctionUsage(
        a.function(), a.payerAccountId(), a.configuration(), a.usage().plus(b.usage()));
  }
}
