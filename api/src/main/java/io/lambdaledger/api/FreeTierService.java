package io.lambdaledger.api;

import io.lambdaledger.core.costing.BillableUsage;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
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
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * The free tier per payer: how much of the monthly allowance (requests, on-demand GB-seconds) is
 * used, the day it ran out, or the day it will at the last seven days' daily rate.
 */
final class FreeTierService {

  static final String METHOD =
      "usage so far from the stored rollups; run-out projected at the average daily usage of the"
          + " last 7 days (or the month so far, if shorter)";

  private static final MathContext MC = MathContext.DECIMAL64;

  private final UsageReader usage;
  private final PriceBooks priceBooks;
  private final Clock clock;

  FreeTierService(UsageReader usage, PriceBooks priceBooks, Clock clock) {
    this.usage = usage;
    this.priceBooks = priceBooks;
    this.clock = clock;
  }

  record Use(BigDecimal used, BigDecimal allowance, LocalDate exhaustedOn, LocalDate runsOutOn) {}

  record PayerUse(String payer, boolean wholePayer, Use requests, Use gbSeconds) {
    LocalDate projectedRunOut() {
      LocalDate a = requests.exhaustedOn() != null ? requests.exhaustedOn() : requests.runsOutOn();
      LocalDate b =
          gbSeconds.exhaustedOn() != null ? gbSeconds.exhaustedOn() : gbSeconds.runsOutOn();
      if (a == null) {
        return b;
      }
      return b == null || a.isBefore(b) ? a : b;
    }
  }

  record FreeTier(YearMonth month, FreeTierAllowance allowance, List<PayerUse> payers) {}

  FreeTier freeTier(YearMonth month, AccountScope scope) {
    Instant now = clock.instant();
    TimeWindow window = TimeWindow.of(month);
    FreeTierAllowance allowance;
    try {
      allowance = priceBooks.inForce(month).freeTier();
    } catch (NoSuchElementException e) {
      throw ApiProblem.badParameter("month", "no price book covers " + month);
    }
    Instant through = window.end().isAfter(now) ? now.truncatedTo(ChronoUnit.HOURS) : window.end();
    if (!through.isAfter(window.start())) {
      return new FreeTier(month, allowance, List.of());
    }
    Instant dayEnd = through.truncatedTo(ChronoUnit.DAYS);
    List<UsageReader.Bucket> days = new ArrayList<>();
    if (dayEnd.isAfter(window.start())) {
      days.addAll(usage.buckets(UsageReader.Granularity.DAY, window.start(), dayEnd));
    }
    if (through.isAfter(dayEnd)) {
      days.addAll(usage.buckets(UsageReader.Granularity.HOUR, dayEnd, through));
    }
    Map<String, Set<String>> accountsOfPayer = new TreeMap<>();
    Map<String, TreeMap<LocalDate, BigDecimal[]>> daily = new TreeMap<>();
    for (UsageReader.Bucket bucket : days) {
      FunctionUsage line = bucket.usage();
      String payer = line.payerAccountId();
      accountsOfPayer.computeIfAbsent(payer, p -> new HashSet<>()).add(line.function().accountId());
      LocalDate day = LocalDate.ofInstant(bucket.start(), ZoneOffset.UTC);
      BigDecimal[] sums =
          daily
              .computeIfAbsent(payer, p -> new TreeMap<>())
              .computeIfAbsent(day, d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      boolean visible = scope.includes(line.function().accountId());
      if (scope.unrestricted() || visible) {
        sums[0] = sums[0].add(BigDecimal.valueOf(line.usage().requests()));
        sums[1] = sums[1].add(BillableUsage.onDemandGbSeconds(line));
      }
    }
    List<PayerUse> payers = new ArrayList<>();
    for (Map.Entry<String, TreeMap<LocalDate, BigDecimal[]>> entry : daily.entrySet()) {
      Set<String> accounts = accountsOfPayer.get(entry.getKey());
      boolean anyVisible = accounts.stream().anyMatch(scope::includes);
      if (!anyVisible) {
        continue;
      }
      boolean whole = accounts.stream().allMatch(scope::includes);
      payers.add(
          new PayerUse(
              entry.getKey(),
              whole,
              use(
                  entry.getValue(),
                  0,
                  BigDecimal.valueOf(allowance.requests()),
                  window,
                  through,
                  whole),
              use(entry.getValue(), 1, allowance.gbSeconds(), window, through, whole)));
    }
    return new FreeTier(month, allowance, payers);
  }

  private static Use use(
      TreeMap<LocalDate, BigDecimal[]> daily,
      int index,
      BigDecimal allowance,
      TimeWindow month,
      Instant through,
      boolean whole) {
    BigDecimal cumulative = BigDecimal.ZERO;
    LocalDate exhaustedOn = null;
    for (Map.Entry<LocalDate, BigDecimal[]> day : daily.entrySet()) {
      cumulative = cumulative.add(day.getValue()[index]);
      if (exhaustedOn == null && allowance.signum() > 0 && cumulative.compareTo(allowance) >= 0) {
        exhaustedOn = day.getKey();
      }
    }
    LocalDate runsOutOn = null;
    if (whole && exhaustedOn == null && through.isBefore(month.end())) {
      Instant recentStart = through.minus(Duration.ofDays(7));
      if (recentStart.isBefore(month.start())) {
        recentStart = month.start();
      }
      LocalDate from = LocalDate.ofInstant(recentStart, ZoneOffset.UTC);
      BigDecimal recent = BigDecimal.ZERO;
      for (Map.Entry<LocalDate, BigDecimal[]> day : daily.tailMap(from, true).entrySet()) {
        recent = recent.add(day.getValue()[index]);
      }
      BigDecimal hours = BigDecimal.valueOf(Duration.between(recentStart, through).toHours());
      if (recent.signum() > 0 && hours.signum() > 0) {
        BigDecimal perHour = recent.divide(hours, MC);
        BigDecimal hoursLeft =
            allowance.subtract(cumulative).divide(perHour, 0, RoundingMode.CEILING);
        Instant runOut = through.plus(Duration.ofHours(hoursLeft.longValue()));
        if (runOut.isBefore(month.end())) {
          runsOutOn = LocalDate.ofInstant(runOut, ZoneOffset.UTC);
        }
      }
    }
    return new Use(cumulative, allowance, whole ? exhaustedOn : null, whole ? runsOutOn : null);
  }
}
