package io.lambdaledger.core.advice;

import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.core.model.ReportLogDay;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.RegionRates;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns each function's evidence over a lookback into savings recommendations: arm64, memory,
 * provisioned concurrency and failures. Savings are per 30-day month: what the lookback measured,
 * scaled by 30 days over its length, priced with one price book. Pure: no IO, no clock.
 */
public final class Adviser {

  private static final MathContext MC = MathContext.DECIMAL64;
  private static final BigDecimal MONTH_SECONDS =
      BigDecimal.valueOf(Duration.ofDays(30).toSeconds());
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000);

  private final PriceBook book;
  private final AdviceSettings settings;

  public Adviser(PriceBook book, AdviceSettings settings) {
    this.book = Objects.requireNonNull(book, "book");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Every recommendation worth at least the minimum saving, the largest expected saving first.
   *
   * @param from start of the lookback (inclusive)
   * @param to end of the lookback (exclusive)
   */
  public List<Recommendation> advise(Instant from, Instant to, List<FunctionEvidence> functions) {
    long seconds = Duration.between(from, to).toSeconds();
    if (seconds <= 0) {
      throw new IllegalArgumentException("the lookback must be a positive window");
    }
    Window window = new Window(from, to, MONTH_SECONDS.divide(BigDecimal.valueOf(seconds), MC));
    List<Recommendation> out = new ArrayList<>();
    for (FunctionEvidence evidence : functions) {
      LambdaFunction function = evidence.function();
      if (function.isDeleted() || !book.hasRegion(function.key().region())) {
        continue;
      }
      Measured measured = Measured.of(evidence.usage());
      if (measured.requests == 0 && measured.provisionedGbSeconds.signum() == 0) {
        continue;
      }
      arm64(window, evidence, measured, out);
      memory(window, evidence, measured, out);
      provisioned(window, evidence, measured, out);
      failures(window, evidence, measured, out);
    }
    out.sort(
        Comparator.comparing(Recommendation::monthlySavingExpectedUsd)
            .reversed()
            .thenComparing(Recommendation::function)
            .thenComparing(Recommendation::kind));
    return List.copyOf(out);
  }

  private void arm64(
      Window window, FunctionEvidence evidence, Measured m, List<Recommendation> out) {
    LambdaFunction function = evidence.function();
    if (function.configuration().architecture() != Architecture.X86_64
        || !"Zip".equals(function.packageType())
        || !Arm64Runtimes.supports(function.runtime())) {
      return;
    }
    String region = function.key().region();
    RegionRates x86 = book.rates(region, Architecture.X86_64);
    RegionRates arm = book.rates(region, Architecture.ARM64);
    BigDecimal fixedPart =
        m.provisionedDurationGbSeconds
            .multiply(x86.provisionedDuration().subtract(arm.provisionedDuration()))
            .add(
                m.provisionedGbSeconds.multiply(
                    x86.provisionedConcurrency().subtract(arm.provisionedConcurrency())));
    BigDecimal high =
        m.onDemandGbSeconds
            .multiply(x86.firstTierDuration().subtract(arm.firstTierDuration()))
            .add(fixedPart);
    BigDecimal low =
        m.onDemandGbSeconds.multiply(lastTier(x86).subtract(lastTier(arm))).add(fixedPart);
    add(
        out,
        window,
        RecommendationKind.ARM64,
        evidence,
        "switch from x86_64 to arm64 (runtime " + function.runtime() + ")",
        List.of(
            Evidence.of("onDemandGbSeconds", round(m.onDemandGbSeconds), "GB-s"),
            Evidence.of(
                "provisionedDurationGbSeconds", round(m.provisionedDurationGbSeconds), "GB-s"),
            Evidence.of("provisionedConcurrencyGbSeconds", round(m.provisionedGbSeconds), "GB-s"),
            Evidence.of("x86RateUsdPerGbSecond", x86.firstTierDuration(), "USD"),
            Evidence.of("arm64RateUsdPerGbSecond", arm.firstTierDuration(), "USD")),
        low,
        high,
        high,
        List.of(
            "duration on arm64 equals the measured x86_64 duration (measure before switching)",
            "the code and its native dependencies build for arm64",
            "expected and high at the first duration tier's rates, low at the last tier's"));
  }

  private void memory(
      Window window, FunctionEvidence evidence, Measured m, List<Recommendation> out) {
    List<ReportLogDay> days = evidence.reportDays();
    if (days.isEmpty()) {
      return;
    }
    LambdaFunction function = evidence.function();
    int current = function.configuration().memoryMb();
    int maxUsed = 0;
    long reports = 0;
    long coldStarts = 0;
    BigDecimal billedMs = BigDecimal.ZERO;
    BigDecimal initMs = BigDecimal.ZERO;
    for (ReportLogDay day : days) {
      maxUsed = Math.max(maxUsed, day.maxMemoryUsedMb());
      reports += day.reports();
      coldStarts += day.coldStarts();
      billedMs = billedMs.add(day.billedDurationMsSum());
      initMs = initMs.add(day.initDurationMsSum());
    }
    if (reports == 0 || maxUsed <= 0) {
      return;
    }
    int target = targetMemory(maxUsed, settings.memoryHeadroom());
    if (target >= current) {
      return;
    }
    RegionRates rates =
        book.rates(function.key().region(), function.configuration().architecture());
    BigDecimal durationCost =
        m.onDemandGbSeconds
            .multiply(rates.firstTierDuration())
            .add(m.provisionedDurationGbSeconds.multiply(rates.provisionedDuration()));
    BigDecimal ratio = BigDecimal.valueOf(target).divide(BigDecimal.valueOf(current), MC);
    BigDecimal allocationSaving =
        m.provisionedGbSeconds
            .multiply(rates.provisionedConcurrency())
            .multiply(BigDecimal.ONE.subtract(ratio));
    double r = ratio.doubleValue();
    BigDecimal high = durationCost.multiply(shrink(r, 0)).add(allocationSaving);
    BigDecimal expected =
        durationCost.multiply(shrink(r, settings.durationElasticity())).add(allocationSaving);
    BigDecimal low =
        durationCost.multiply(shrink(r, settings.durationElasticityHigh())).add(allocationSaving);
    double growthHigh = Math.pow(1 / r, settings.durationElasticityHigh());
    BigDecimal reportCount = BigDecimal.valueOf(reports);
    add(
        out,
        window,
        RecommendationKind.MEMORY,
        evidence,
        String.format(
            "lower memory from %d MB to %d MB (duration may grow 1.00x to %.2fx)",
            current, target, growthHigh),
        List.of(
            Evidence.of("memorySizeMb", current, "MB"),
            Evidence.of("maxMemoryUsedMb", maxUsed, "MB"),
            Evidence.of("recommendedMemoryMb", target, "MB"),
            Evidence.of("reportLines", reports, "count"),
            Evidence.of("days", days.size(), "count"),
            Evidence.of(
                "avgBilledDurationMs",
                billedMs.divide(reportCount, 2, RoundingMode.HALF_EVEN),
                "ms"),
            Evidence.of("coldStarts", coldStarts, "count"),
            Evidence.of(
                "avgInitDurationMs",
                coldStarts == 0
                    ? BigDecimal.ZERO
                    : initMs.divide(BigDecimal.valueOf(coldStarts), 2, RoundingMode.HALF_EVEN),
                "ms"),
            Evidence.of(
                "durationGrowthExpected",
                BigDecimal.valueOf(Math.pow(1 / r, settings.durationElasticity()))
                    .setScale(3, RoundingMode.HALF_EVEN),
                "ratio"),
            Evidence.of(
                "durationGrowthHigh",
                BigDecimal.valueOf(growthHigh).setScale(3, RoundingMode.HALF_EVEN),
                "ratio")),
        low,
        expected,
        high,
        List.of(
            "the largest memory used in the lookback plus "
                + Math.round(settings.memoryHeadroom() * 100)
                + " % headroom, rounded up to 64 MB, is enough",
            "CPU shrinks with memory, so duration grows as (old/new)^e: e = "
                + settings.durationElasticity()
                + " expected, 0 (no growth) for the high end, "
                + settings.durationElasticityHigh()
                + " for the low end",
            "INIT time is not counted in the saving"));
  }

  /** The smallest size with headroom: max used × (1 + headroom), rounded up to 64 MB, ≥ 128 MB. */
  static int targetMemory(int maxUsedMb, double headroom) {
    long needed = (long) Math.ceil(maxUsedMb * (1 + headroom));
    long rounded = ((needed + 63) / 64) * 64;
    return (int) Math.max(128, Math.min(10_240, rounded));
  }

  /** Share of duration cost saved at a memory ratio r under elasticity e: 1 − r^(1−e). */
  private static BigDecimal shrink(double r, double e) {
    return BigDecimal.valueOf(1 - Math.pow(r, 1 - e));
  }

  private void provisioned(
      Window window, FunctionEvidence evidence, Measured m, List<Recommendation> out) {
    if (m.provisionedSeconds.signum() == 0) {
      return;
    }
    LambdaFunction function = evidence.function();
    int allocated =
        function.provisionedConcurrency().stream()
            .mapToInt(ProvisionedConcurrency::allocated)
            .sum();
    if (allocated == 0) {
      return;
    }
    RegionRates rates =
        book.rates(function.key().region(), function.configuration().architecture());
    BigDecimal busySeconds = m.provisionedDurationMs.divide(THOUSAND, MC);
    BigDecimal utilization = busySeconds.divide(m.provisionedSeconds, MC);
    BigDecimal spillShare =
        m.requests == 0
            ? BigDecimal.ZERO
            : BigDecimal.valueOf(m.spilloverRequests).divide(BigDecimal.valueOf(m.requests), MC);
    // The busiest hour's average concurrency (CloudWatch keeps no peak in the rollups), and per
    // day whether more than the spillover share of the invocations ran beyond PC.
    Integer peak = null;
    Map<Instant, UsageTotals> byDay = new TreeMap<>();
    for (UsageReader.Bucket hour : evidence.hours()) {
      UsageTotals u = hour.usage().usage();
      int busy = u.durationMsSum().divide(MS_PER_HOUR, 0, RoundingMode.CEILING).intValueExact();
      peak = peak == null ? busy : Math.max(peak, busy);
      byDay.merge(hour.start().truncatedTo(ChronoUnit.DAYS), u, UsageTotals::plus);
    }
    int daysWithPc = 0;
    int daysSpilling = 0;
    for (UsageTotals u : byDay.values()) {
      if (u.provisionedConcurrencySeconds().signum() > 0) {
        daysWithPc++;
        if (u.requests() > 0
            && u.provisionedSpilloverRequests() > settings.spilloverShare() * u.requests()) {
          daysSpilling++;
        }
      }
    }
    BigDecimal allocationCost = m.provisionedGbSeconds.multiply(rates.provisionedConcurrency());
    BigDecimal provisionedDurationCost =
        m.provisionedDurationGbSeconds.multiply(rates.provisionedDuration());
    BigDecimal onDemandInstead = m.provisionedDurationGbSeconds.multiply(rates.firstTierDuration());
    List<Evidence> facts =
        new ArrayList<>(
            List.of(
                Evidence.of("allocatedConcurrency", allocated, "count"),
                Evidence.of("provisionedConcurrencySeconds", round(m.provisionedSeconds), "s"),
                Evidence.of(
                    "utilization", utilization.setScale(4, RoundingMode.HALF_EVEN), "ratio"),
                Evidence.of("provisionedRequests", m.provisionedRequests, "count"),
                Evidence.of("spilloverRequests", m.spilloverRequests, "count"),
                Evidence.of(
                    "spilloverShare", spillShare.setScale(4, RoundingMode.HALF_EVEN), "ratio"),
                Evidence.of(
                    "allocationCostUsd",
                    allocationCost.setScale(2, RoundingMode.HALF_EVEN),
                    "USD")));
    if (peak != null) {
      facts.add(Evidence.of("busiestHourConcurrency", peak, "count"));
    }
    facts.add(Evidence.of("daysWithProvisionedConcurrency", daysWithPc, "count"));
    facts.add(Evidence.of("daysWithSpillover", daysSpilling, "count"));
    if (utilization.doubleValue() < settings.idleProvisionedUtilization()) {
      BigDecimal expected = allocationCost.add(provisionedDurationCost).subtract(onDemandInstead);
      BigDecimal initCost = initCostOnDemand(evidence, m, rates);
      add(
          out,
          window,
          RecommendationKind.PROVISIONED_CONCURRENCY,
          evidence,
          "remove provisioned concurrency of " + allocated,
          facts,
          expected.subtract(initCost),
          expected,
          expected,
          List.of(
              "the invocations it served run on demand at the same duration",
              "low end: they start cold as often as the function's on-demand invocations did"
                  + " (billed INIT from its REPORT lines)",
              "the lookback's utilization continues"));
      return;
    }
    if (peak != null) {
      int needed = (int) Math.ceil(peak * (1 + settings.provisionedHeadroom()));
      if (needed < allocated && spillShare.doubleValue() < settings.spilloverShare()) {
        BigDecimal share =
            BigDecimal.valueOf(allocated - needed).divide(BigDecimal.valueOf(allocated), MC);
        BigDecimal saving = allocationCost.multiply(share);
        add(
            out,
            window,
            RecommendationKind.PROVISIONED_CONCURRENCY,
            evidence,
            "reduce provisioned concurrency from " + allocated + " to " + needed,
            facts,
            saving,
            saving,
            saving,
            List.of(
                "the busiest hour's average concurrency of the lookback plus "
                    + Math.round(settings.provisionedHeadroom() * 100)
                    + " % headroom is enough",
                "the invocations stay on provisioned concurrency"));
        return;
      }
    }
    if (daysWithPc > 0
        && daysSpilling * 2 >= daysWithPc
        && utilization.doubleValue() >= 0.8
        && m.requests > m.provisionedRequests) {
      long onDemandRequests = m.requests - m.provisionedRequests;
      BigDecimal spillGbSeconds =
          m.onDemandGbSeconds
              .multiply(BigDecimal.valueOf(m.spilloverRequests))
              .divide(BigDecimal.valueOf(onDemandRequests), MC);
      int extra =
          (int)
              Math.ceil(
                  allocated * (double) m.spilloverRequests / Math.max(1, m.provisionedRequests));
      BigDecimal extraAllocation =
          m.provisionedGbSeconds
              .multiply(BigDecimal.valueOf(extra))
              .divide(BigDecimal.valueOf(allocated), MC)
              .multiply(rates.provisionedConcurrency());
      BigDecimal saving =
          spillGbSeconds
              .multiply(rates.firstTierDuration().subtract(rates.provisionedDuration()))
              .subtract(extraAllocation);
      add(
          out,
          window,
          RecommendationKind.PROVISIONED_CONCURRENCY,
          evidence,
          "add " + extra + " provisioned concurrency (sustained spillover)",
          facts,
          saving,
          saving,
          saving,
          List.of(
              "spillover invocations move to provisioned concurrency at its lower duration rate",
              "the added concurrency is as busy as the present one"));
    }
  }

  /** What on-demand cold starts of the provisioned invocations would add (billed INIT). */
  private static BigDecimal initCostOnDemand(
      FunctionEvidence evidence, Measured m, RegionRates rates) {
    long reports = 0;
    long cold = 0;
    BigDecimal initMs = BigDecimal.ZERO;
    for (ReportLogDay day : evidence.reportDays()) {
      reports += day.reports();
      cold += day.coldStarts();
      initMs = initMs.add(day.initDurationMsSum());
    }
    long onDemand = reports - m.provisionedRequests;
    if (cold == 0 || onDemand <= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal coldShare =
        BigDecimal.valueOf(Math.min(cold, onDemand)).divide(BigDecimal.valueOf(onDemand), MC);
    BigDecimal avgInitMs = initMs.divide(BigDecimal.valueOf(cold), MC);
    BigDecimal initGbSeconds =
        GbSeconds.of(
            avgInitMs.multiply(coldShare).multiply(BigDecimal.valueOf(m.provisionedRequests)),
            evidence.function().configuration().memoryMb());
    return initGbSeconds.multiply(rates.firstTierDuration());
  }

  private void failures(
      Window window, FunctionEvidence evidence, Measured m, List<Recommendation> out) {
    if (m.requests == 0) {
      return;
    }
    double rate = (double) m.errors / m.requests;
    if (rate < settings.failureRate()) {
      return;
    }
    LambdaFunction function = evidence.function();
    RegionRates rates =
        book.rates(function.key().region(), function.configuration().architecture());
    BigDecimal requests = BigDecimal.valueOf(m.requests);
    BigDecimal allInvocations =
        requests
            .multiply(rates.request())
            .add(m.onDemandGbSeconds.multiply(rates.firstTierDuration()))
            .add(m.provisionedDurationGbSeconds.multiply(rates.provisionedDuration()));
    BigDecimal perInvocation = allInvocations.divide(requests, MC);
    long timeouts =
        Math.min(m.errors, evidence.reportDays().stream().mapToLong(ReportLogDay::timeouts).sum());
    long otherErrors = m.errors - timeouts;
    BigDecimal perTimeout =
        GbSeconds.of(
                (long) function.configuration().timeoutSeconds() * 1000,
                function.configuration().memoryMb())
            .multiply(rates.firstTierDuration())
            .add(rates.request());
    BigDecimal timeoutCost = perTimeout.multiply(BigDecimal.valueOf(timeouts));
    BigDecimal high = perInvocation.multiply(BigDecimal.valueOf(otherErrors)).add(timeoutCost);
    BigDecimal low = rates.request().multiply(BigDecimal.valueOf(otherErrors)).add(timeoutCost);
    add(
        out,
        window,
        RecommendationKind.FAILURES,
        evidence,
        String.format("fix failing invocations (%.2f %% errors)", rate * 100),
        List.of(
            Evidence.of("invocations", m.requests, "count"),
            Evidence.of("errors", m.errors, "count"),
            Evidence.of("timeouts", timeouts, "count"),
            Evidence.of("throttles", m.throttles, "count"),
            Evidence.of("errorCostUsd", high.setScale(2, RoundingMode.HALF_EVEN), "USD")),
        low,
        high,
        high,
        List.of(
            "a failed invocation runs as long as the average one (high) or fails at once (low)",
            "timeouts run to the configured timeout of "
                + function.configuration().timeoutSeconds()
                + " s (counted from REPORT lines)",
            "throttled requests are not billed; retries that succeed are counted as invocations"));
  }

  private void add(
      List<Recommendation> out,
      Window window,
      RecommendationKind kind,
      FunctionEvidence evidence,
      String action,
      List<Evidence> facts,
      BigDecimal low,
      BigDecimal expected,
      BigDecimal high,
      List<String> assumptions) {
    BigDecimal monthlyExpected = monthly(expected, window);
    if (monthlyExpected.compareTo(settings.minMonthlySavingUsd()) < 0) {
      return;
    }
    out.add(
        new Recommendation(
            kind,
            evidence.function().key(),
            action,
            window.from,
            window.to,
            facts,
            monthly(low, window).min(monthlyExpected),
            monthlyExpected,
            monthly(high, window).max(monthlyExpected),
            assumptions));
  }

  private static BigDecimal monthly(BigDecimal amount, Window window) {
    return amount.multiply(window.monthFactor, MC).setScale(2, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal lastTier(RegionRates rates) {
    return rates.durationTiers().get(rates.durationTiers().size() - 1).unitPrice();
  }

  private static BigDecimal round(BigDecimal value) {
    return value.setScale(3, RoundingMode.HALF_EVEN);
  }

  private record Window(Instant from, Instant to, BigDecimal monthFactor) {}

  /** The lookback's usage summed over configurations, as GB-seconds. */
  private static final class Measured {
    long requests;
    long errors;
    long throttles;
    long provisionedRequests;
    long spilloverRequests;
    BigDecimal onDemandGbSeconds = BigDecimal.ZERO;
    BigDecimal provisionedDurationGbSeconds = BigDecimal.ZERO;
    BigDecimal provisionedDurationMs = BigDecimal.ZERO;
    BigDecimal provisionedGbSeconds = BigDecimal.ZERO;
    BigDecimal provisionedSeconds = BigDecimal.ZERO;

    static Measured of(List<FunctionUsage> usage) {
      Measured m = new Measured();
      for (FunctionUsage line : usage) {
        UsageTotals u = line.usage();
        int memory = line.configuration().memoryMb();
        BigDecimal provisionedMs =
            u.provisionedDurationMsEstimate().min(u.durationMsSum()).max(BigDecimal.ZERO);
        m.requests += u.requests();
        m.errors += u.errors();
        m.throttles += u.throttles();
        m.provisionedRequests += u.provisionedRequests();
        m.spilloverRequests += u.provisionedSpilloverRequests();
        m.onDemandGbSeconds =
            m.onDemandGbSeconds.add(
                GbSeconds.of(u.durationMsSum().subtract(provisionedMs), memory));
        m.provisionedDurationGbSeconds =
            m.provisionedDurationGbSeconds.add(GbSeconds.of(provisionedMs, memory));
        m.provisionedDurationMs = m.provisionedDurationMs.add(provisionedMs);
        m.provisionedGbSeconds = m.provisionedGbSeconds.add(u.provisionedConcurrencyGbSeconds());
        m.provisionedSeconds = m.provisionedSeconds.add(u.provisionedConcurrencySeconds());
      }
      return m;
    }
  }
}
