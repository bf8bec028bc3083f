package io.lambdaledger.core.costing;

import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A month's free tier per payer: how much of the monthly allowance (requests, measured on-demand
 * GB-seconds) is used, the day it ran out, or the day it will at the last seven days' hourly rate
 * (or the month so far's, if shorter). Read through {@link UsageReader}; pure otherwise.
 *
 * <p>The allowance is the payer's, so a caller sees a payer only if it sees one of its accounts,
 * the usage of the accounts it sees, and the days of running out only if it sees every account of
 * the payer with usage ({@link PayerUse#wholePayer}).
 *
 * @param payers the payers with usage in the month the scope sees, by payer id
 */
public record FreeTierUse(YearMonth month, FreeTierAllowance allowance, List<PayerUse> payers) {

  public static final String METHOD =
      "usage so far from the stored rollups; run-out projected at the average daily usage of the"
          + " last 7 days (or the month so far, if shorter)";

  private static final MathContext MC = MathContext.DECIMAL64;

  public FreeTierUse {
    payers = List.copyOf(payers);
  }

  /**
   * One allowance of one payer.
   *
   * @param exhaustedOn the day the usage reached the allowance (null if not, or not the whole
   *     payer)
   * @param runsOutOn the day it will at the recent rate, within the month (null otherwise)
   */
  public record Use(
      BigDecimal used, BigDecimal allowance, LocalDate exhaustedOn, LocalDate runsOutOn) {}

  /** One payer's two allowances, as far as the scope sees its accounts. */
  public record PayerUse(String payer, boolean wholePayer, Use requests, Use gbSeconds) {

    /** The earlier of the two allowances' days of running out (past or projected), or null. */
    public LocalDate projectedRunOut() {
      LocalDate a = requests.exhaustedOn() != null ? requests.exhaustedOn() : requests.runsOutOn();
      LocalDate b =
          gbSeconds.exhaustedOn() != null ? gbSeconds.exhaustedOn() : gbSeconds.runsOutOn();
      if (a == null) {
        return b;
      }
      return b == null || a.isBefore(b) ? a : b;
    }
  }

  /** One payer's usage of one UTC day, of the accounts the scope sees. */
  private record DayUse(BigDecimal requests, BigDecimal gbSeconds) {
    static final DayUse ZERO = new DayUse(BigDecimal.ZERO, BigDecimal.ZERO);

    DayUse plus(FunctionUsage line) {
      return new DayUse(
          requests.add(BigDecimal.valueOf(line.usage().requests())),
          gbSeconds.add(BillableUsage.onDemandGbSeconds(line)));
    }
  }

  /**
   * The free tier of {@code month} as of {@code now}, seen by {@code scope}: the usage up to the
   * current whole hour (the month's end once it is over), read by day and, for the day not over, by
   * hour.
   */
  public static FreeTierUse of(
      UsageReader usage,
      YearMonth month,
      FreeTierAllowance allowance,
      AccountScope scope,
      Instant now) {
    Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant through = end.isAfter(now) ? now.truncatedTo(ChronoUnit.HOURS) : end;
    if (!through.isAfter(start)) {
      return new FreeTierUse(month, allowance, List.of());
    }
    Instant dayEnd = through.truncatedTo(ChronoUnit.DAYS);
    List<UsageReader.Bucket> buckets = new ArrayList<>();
    if (dayEnd.isAfter(start)) {
      buckets.addAll(usage.buckets(UsageReader.Granularity.DAY, start, dayEnd));
    }
    if (through.isAfter(dayEnd)) {
      buckets.addAll(usage.buckets(UsageReader.Granularity.HOUR, dayEnd, through));
    }
    Map<String, Set<String>> accountsOfPayer = new TreeMap<>();
    Map<String, TreeMap<LocalDate, DayUse>> daily = new TreeMap<>();
    for (UsageReader.Bucket bucket : buckets) {
      FunctionUsage line = bucket.usage();
      String payer = line.payerAccountId();
      accountsOfPayer.computeIfAbsent(payer, p -> new HashSet<>()).add(line.function().accountId());
      LocalDate day = LocalDate.ofInstant(bucket.start(), ZoneOffset.UTC);
      TreeMap<LocalDate, DayUse> days = daily.computeIfAbsent(payer, p -> new TreeMap<>());
      DayUse sums = days.getOrDefault(day, DayUse.ZERO);
      boolean visible = scope.includes(line.function().accountId());
      days.put(day, scope.unrestricted() || visible ? sums.plus(line) : sums);
    }
    Window window = new Window(start, end, through);
    List<PayerUse> payers = new ArrayList<>();
    for (Map.Entry<String, TreeMap<LocalDate, DayUse>> entry : daily.entrySet()) {
      Set<String> accounts = accountsOfPayer.get(entry.getKey());
      if (accounts.stream().noneMatch(scope::includes)) {
        continue;
      }
      boolean whole = accounts.stream().allMatch(scope::includes);
      TreeMap<LocalDate, DayUse> days = entry.getValue();
      payers.add(
          new PayerUse(
              entry.getKey(),
              whole,
              window.use(days, DayUse::requests, BigDecimal.valueOf(allowance.requests()), whole),
              window.use(days, DayUse::gbSeconds, allowance.gbSeconds(), whole)));
    }
    return new FreeTierUse(month, allowance, payers);
  }

  /** The month {@code [start, end)} read up to {@code through}. */
  private record Window(Instant start, Instant end, Instant through) {

    Use use(
        TreeMap<LocalDate, DayUse> daily,
        Function<DayUse, BigDecimal> used,
        BigDecimal allowance,
        boolean whole) {
      BigDecimal cumulative = BigDecimal.ZERO;
      LocalDate exhaustedOn = null;
      for (Map.Entry<LocalDate, DayUse> day : daily.entrySet()) {
        cumulative = cumulative.add(used.apply(day.getValue()));
        if (exhaustedOn == null && allowance.signum() > 0 && cumulative.compareTo(allowance) >= 0) {
          exhaustedOn = day.getKey();
        }
      }
      LocalDate runsOutOn =
          whole && exhaustedOn == null && through.isBefore(end)
              ? runsOutOn(daily, used, allowance.subtract(cumulative))
              : null;
      return new Use(cumulative, allowance, whole ? exhaustedOn : null, runsOutOn);
    }

    /** The day {@code left} runs out at the rate of the last 7 days, if within the month. */
    private LocalDate runsOutOn(
        TreeMap<LocalDate, DayUse> daily, Function<DayUse, BigDecimal> used, BigDecimal left) {
      Instant recentStart = through.minus(MonthForecast.RECENT);
      if (recentStart.isBefore(start)) {
        recentStart = start;
      }
      LocalDate from = LocalDate.ofInstant(recentStart, ZoneOffset.UTC);
      BigDecimal recent = BigDecimal.ZERO;
      for (DayUse day : daily.tailMap(from, true).values()) {
        recent = recent.add(used.apply(day));
      }
      BigDecimal hours = BigDecimal.valueOf(Duration.between(recentStart, through).toHours());
      if (recent.signum() <= 0 || hours.signum() <= 0) {
        return null;
      }
      BigDecimal perHour = recent.divide(hours, MC);
      BigDecimal hoursLeft = left.divide(perHour, 0, RoundingMode.CEILING);
      Instant runOut = through.plus(Duration.ofHours(hoursLeft.longValue()));
      return runOut.isBefore(end) ? LocalDate.ofInstant(runOut, ZoneOffset.UTC) : null;
    }
  }
}
