package io.lambdaledger.sim;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.RegionRates;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions planted in the estate so that tests can score savings recommendations (the option
 * {@code savingsCases}): each has one known way to save (or none), and {@code /_sim/truth} gives
 * the true monthly saving computed from the exact usage of the truth window with the simulator's
 * own duration model. All steady traffic in the first account and Region; none changes its
 * configuration.
 */
final class SavingsCases {

  /** What a planted function is for. */
  enum Kind {
    /** Uses far less memory than it has. */
    MEMORY,
    /** x86_64 on a runtime that runs on arm64, memory well sized. */
    ARM64,
    /** Provisioned concurrency that is almost never used. */
    IDLE_PROVISIONED_CONCURRENCY,
    /** Nothing to save: arm64, memory well sized, no provisioned concurrency, few errors. */
    WELL_SIZED
  }

  /** Headroom the truth's right size adds to the largest memory used (as the recommender's). */
  static final double MEMORY_HEADROOM = 0.2;

  private record Case(
      String name,
      Kind kind,
      String runtime,
      String architecture,
      int memoryMb,
      int memoryUsedMb,
      double ratePerMinute,
      double medianMsAt1024,
      int provisionedConcurrency) {}

  private static final List<Case> CASES =
      List.of(
          new Case("savings-memory-1", Kind.MEMORY, "python3.12", "arm64", 2048, 300, 120, 150, 0),
          new Case("savings-memory-2", Kind.MEMORY, "nodejs22.x", "arm64", 3008, 500, 90, 220, 0),
          new Case("savings-memory-3", Kind.MEMORY, "java21", "arm64", 1536, 200, 150, 120, 0),
          new Case("savings-arm64-1", Kind.ARM64, "python3.13", "x86_64", 512, 440, 150, 250, 0),
          new Case("savings-arm64-2", Kind.ARM64, "nodejs22.x", "x86_64", 1024, 880, 120, 200, 0),
          new Case("savings-arm64-3", Kind.ARM64, "java21", "x86_64", 256, 220, 200, 300, 0),
          new Case(
              "savings-idle-pc-1",
              Kind.IDLE_PROVISIONED_CONCURRENCY,
              "python3.12",
              "arm64",
              1024,
              880,
              1,
              80,
              10),
          new Case(
              "savings-idle-pc-2",
              Kind.IDLE_PROVISIONED_CONCURRENCY,
              "nodejs20.x",
              "arm64",
              512,
              440,
              0.5,
              60,
              5),
          new Case(
              "savings-well-sized-1",
              Kind.WELL_SIZED,
              "python3.12",
              "arm64",
              512,
              440,
              100,
              120,
              0),
          new Case(
              "savings-well-sized-2", Kind.WELL_SIZED, "nodejs22.x", "arm64", 256, 220, 60, 90, 0));

  private SavingsCases() {}

  /** The planted functions' profiles, with indexes from {@code firstIndex} on. */
  static List<FunctionProfile> profiles(
      int firstIndex, String account, String region, long startEpochSecond) {
    List<FunctionProfile> profiles = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      FunctionProfile.Builder b = new FunctionProfile.Builder();
      b.id = firstIndex + i;
      b.account = account;
      b.region = region;
      b.name = c.name();
      b.runtime = c.runtime();
      b.handler =
          c.runtime().startsWith("java") ? "com.example.Handler::handleRequest" : "app.handler";
      b.packageType = "Zip";
      b.codeSize = 5_000_000;
      b.timeoutSeconds = 30;
      b.tags = Map.of("team", "savings", "env", "prod");
      b.createdEpochSecond = startEpochSecond - 86_400L * 60;
      b.pattern = TrafficPattern.STEADY;
      b.baseRate = c.ratePerMinute();
      b.medianMicrosAt1024 = c.medianMsAt1024() * 1000;
      b.sigma = 0.3;
      b.errorRate = 0.0002;
      b.throttleRate = 0;
      b.iteratorAgeBaseMs = 100;
      b.deadLetterFailureRate = 0.1;
      b.provisionedConcurrency = c.provisionedConcurrency();
      b.coldStartRate = Math.min(0.6, 0.003 + 0.3 / (1 + b.baseRate));
      b.initMedianMicros = 250_000;
      b.memoryUsedMb = c.memoryUsedMb();
      b.configA = new FunctionConfig(c.memoryMb(), c.architecture(), 512);
      profiles.add(b.build());
    }
    return profiles;
  }

  /** The kind of a planted function, null for any other. */
  static Kind kindOf(String name) {
    for (Case c : CASES) {
      if (c.name().equals(name)) {
        return c.kind();
      }
    }
    return null;
  }

  /**
   * Every planted function's kind and true monthly saving over the truth window (30 days over the
   * window's length), as {@code /_sim/truth} lists it.
   *
   * @param windowSeconds the length of the window the truth covers
   * @param maxMemoryUsedMb each planted function's largest daily "Max Memory Used" in the window
   */
  static List<Map<String, Object>> truth(
      Workload workload,
      Truth truth,
      long windowSeconds,
      PriceBook book,
      Map<String, Integer> maxMemoryUsedMb) {
    MathContext mc = MathContext.DECIMAL64;
    BigDecimal monthFactor =
        BigDecimal.valueOf(30L * 86_400).divide(BigDecimal.valueOf(windowSeconds), mc);
    List<Map<String, Object>> out = new ArrayList<>();
    for (FunctionTruth f : truth.functions()) {
      Kind kind = kindOf(f.name());
      if (kind == null) {
        continue;
      }
      FunctionProfile profile = workload.function(f.account(), f.region(), f.name());
      FunctionConfig config = profile.config(0);
      Architecture architecture = Architecture.parse(config.architecture());
      RegionRates rates = book.rates(f.region(), architecture);
      BigDecimal gb = BigDecimal.valueOf(config.memoryMb()).divide(BigDecimal.valueOf(1024), mc);
      BigDecimal gbSeconds =
          BigDecimal.valueOf(f.billedMs()).divide(BigDecimal.valueOf(1000), mc).multiply(gb);
      BigDecimal saving = BigDecimal.ZERO;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("account", f.account());
      row.put("region", f.region());
      row.put("name", f.name());
      row.put("kind", kind.name());
      switch (kind) {
        case ARM64 -> {
          RegionRates arm = book.rates(f.region(), Architecture.ARM64);
          saving = gbSeconds.multiply(rates.firstTierDuration().subtract(arm.firstTierDuration()));
        }
        case MEMORY -> {
          int maxUsed = maxMemoryUsedMb.getOrDefault(f.name(), profile.memoryUsedMb);
          long needed = (long) Math.ceil(maxUsed * (1 + MEMORY_HEADROOM));
          int target = (int) Math.max(128, ((needed + 63) / 64) * 64);
          double r = (double) target / config.memoryMb();
          double factor = 1 - Math.pow(r, 1 - FunctionProfile.MEMORY_ELASTICITY);
          saving =
              gbSeconds.multiply(rates.firstTierDuration()).multiply(BigDecimal.valueOf(factor));
          row.put("maxMemoryUsedMb", maxUsed);
          row.put("rightSizeMb", target);
        }
        case IDLE_PROVISIONED_CONCURRENCY -> {
          long provisionedSeconds =
              Math.max(
                  0,
                  truth.to().getEpochSecond()
                      - Math.max(truth.from().getEpochSecond(), profile.provisionedSince()));
          BigDecimal allocationGbSeconds =
              BigDecimal.valueOf(provisionedSeconds * profile.provisionedConcurrency).multiply(gb);
          BigDecimal servedGbSeconds =
              f.invocations() == 0
                  ? BigDecimal.ZERO
                  : gbSeconds
                      .multiply(BigDecimal.valueOf(f.provisionedConcurrencyInvocations()))
                      .divide(BigDecimal.valueOf(f.invocations()), mc);
          saving =
              allocationGbSeconds
                  .multiply(rates.provisionedConcurrency())
                  .add(
                      servedGbSeconds.multiply(
                          rates.provisionedDuration().subtract(rates.firstTierDuration())));
          row.put("provisionedConcurrency", profile.provisionedConcurrency);
        }
        case WELL_SIZED -> {}
      }
      row.put(
          "trueMonthlySavingUsd",
          saving.multiply(monthFactor, mc).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
      out.add(row);
    }
    return out;
  }
}
