package io.lambdaledger.sim;

import java.util.Map;

/**
 * Everything fixed about one simulated function: identity, configuration history, traffic pattern
 * and the parameters of its per-invocation model. Built once from the seed by {@link Workload};
 * immutable.
 */
final class FunctionProfile {

  final int id;
  final String account;
  final String region;
  final String name;
  final String arn;
  final String runtime;
  final String handler;
  final String packageType;
  final long codeSize;
  final int timeoutSeconds;
  final Map<String, String> tags;
  final long createdEpochSecond;

  final TrafficPattern pattern;

  /** Mean invocations per minute at a pattern factor of 1. */
  final double baseRate;

  /** DIURNAL: phase of the daily wave as a fraction of a day. */
  final double diurnalPhase;

  /** BURSTY: rate multiplier during a burst. */
  final double burstFactor;

  /** Median duration in microseconds per configuration (index 0 = A, 1 = B). */
  final double[] medianMicros;

  /** Spread of the log-normal duration distribution. */
  final double sigma;

  final double errorRate;
  final double throttleRate;
  final boolean async;
  final boolean deadLetterQueue;
  final double deadLetterFailureRate;
  final boolean stream;
  final double iteratorAgeBaseMs;
  final int provisionedConcurrency;

  /** Share of on-demand invocations that are cold starts (INIT runs before the handler). */
  final double coldStartRate;

  /** Median INIT duration in microseconds (by runtime and package, scaled per function). */
  final double initMedianMicros;

  /**
   * Typical "Max Memory Used" of an invocation in MB (REPORT lines; a day's maximum is up to 4 %
   * more).
   */
  final int memoryUsedMb;

  /**
   * How duration grows as memory shrinks: the median scales as (1024 / memory)^this (more memory
   * means more CPU).
   */
  static final double MEMORY_ELASTICITY = 0.35;

  private final FunctionConfig configA;
  private final FunctionConfig configB;

  /** Whether the configuration toggles between A and B once a month. */
  final boolean changes;

  private final long changeOffsetSeconds;

  /**
   * Monthly provisioned concurrency gap: deleted at this offset from the month's start, put back
   * {@link #pcGapSeconds} later (0: never removed).
   */
  private final long pcGapOffsetSeconds;

  private final long pcGapSeconds;

  FunctionProfile(Builder b) {
    this.id = b.id;
    this.account = b.account;
    this.region = b.region;
    this.name = b.name;
    this.arn = "arn:aws:lambda:" + b.region + ":" + b.account + ":function:" + b.name;
    this.runtime = b.runtime;
    this.handler = b.handler;
    this.packageType = b.packageType;
    this.codeSize = b.codeSize;
    this.timeoutSeconds = b.timeoutSeconds;
    this.tags = Map.copyOf(b.tags);
    this.createdEpochSecond = b.createdEpochSecond;
    this.pattern = b.pattern;
    this.baseRate = b.baseRate;
    this.diurnalPhase = b.diurnalPhase;
    this.burstFactor = b.burstFactor;
    this.sigma = b.sigma;
    this.errorRate = b.errorRate;
    this.throttleRate = b.throttleRate;
    this.async = b.async;
    this.deadLetterQueue = b.deadLetterQueue;
    this.deadLetterFailureRate = b.deadLetterFailureRate;
    this.stream = b.stream;
    this.iteratorAgeBaseMs = b.iteratorAgeBaseMs;
    this.provisionedConcurrency = b.provisionedConcurrency;
    this.coldStartRate = b.coldStartRate;
    this.initMedianMicros = b.initMedianMicros;
    this.memoryUsedMb = b.memoryUsedMb;
    this.configA = b.configA;
    this.configB = b.configB == null ? b.configA : b.configB;
    this.changes = b.configB != null;
    this.changeOffsetSeconds = (b.changeDay - 1) * 86_400L + b.changeHour * 3_600L;
    this.pcGapOffsetSeconds = (b.pcGapDay - 1) * 86_400L + b.pcGapHour * 3_600L;
    this.pcGapSeconds = b.pcGapHours * 3_600L;
    this.medianMicros =
        new double[] {
          scaledMedian(b.medianMicrosAt1024, configA), scaledMedian(b.medianMicrosAt1024, configB)
        };
  }

  /** More memory means more CPU: the median shrinks with memory, gently. */
  private static double scaledMedian(double medianAt1024, FunctionConfig config) {
    return medianAt1024 * StrictMath.pow(1024.0 / config.memoryMb(), MEMORY_ELASTICITY);
  }

  long timeoutMicros() {
    return timeoutSeconds * 1_000_000L;
  }

  FunctionConfig config(int index) {
    return index == 0 ? configA : configB;
  }

  /**
   * Index (0 = A, 1 = B) of the configuration in force at the instant. A changing function toggles
   * once a month, at its change day and hour; the index is the parity of the toggles so far.
   */
  int configIndexAt(long epochSecond) {
    if (!changes) {
      return 0;
    }
    int month = Months.indexOf(epochSecond);
    long toggle = Months.start(month) + changeOffsetSeconds;
    return (month + (epochSecond >= toggle ? 1 : 0)) & 1;
  }

  FunctionConfig configAt(long epochSecond) {
    return config(configIndexAt(epochSecond));
  }

  /** The last time the configuration changed at or before the instant (or the creation time). */
  long lastModifiedAt(long epochSecond) {
    if (!changes) {
      return createdEpochSecond;
    }
    int month = Months.indexOf(epochSecond);
    long toggle = Months.start(month) + changeOffsetSeconds;
    return epochSecond >= toggle ? toggle : Months.start(month - 1) + changeOffsetSeconds;
  }

  /**
   * Whether INIT is billed for an on-demand cold start at the instant: always for custom runtimes
   * ({@code provided.*}) and container images, for managed runtimes on ZIP since 2025-08-01.
   */
  boolean initBilledAt(long epochSecond) {
    return packageType.equals("Image")
        || runtime.startsWith("provided")
        || epochSecond >= INIT_BILLED_FOR_ALL_EPOCH_SECOND;
  }

  /** 2025-08-01T00:00:00Z: Lambda bills INIT for ZIP functions on managed runtimes too. */
  static final long INIT_BILLED_FOR_ALL_EPOCH_SECOND = 1_754_006_400L;

  /** When the configuration toggles in the month with the given index (changing functions). */
  long changeAt(int monthIndex) {
    return Months.start(monthIndex) + changeOffsetSeconds;
  }

  /** When provisioned concurrency was first put: an hour after creation (none without PC). */
  long provisionedSince() {
    return createdEpochSecond + 3_600L;
  }

  /** Whether provisioned concurrency is removed for a few hours or days once a month. */
  boolean provisionedGaps() {
    return provisionedConcurrency > 0 && pcGapSeconds > 0;
  }

  /** Start of the month's provisioned concurrency gap (functions with {@link #provisionedGaps}). */
  long provisionedGapStart(int monthIndex) {
    return Months.start(monthIndex) + pcGapOffsetSeconds;
  }

  /** End of the month's provisioned concurrency gap: PC is put back. */
  long provisionedGapEnd(int monthIndex) {
    return provisionedGapStart(monthIndex) + pcGapSeconds;
  }

  /** Provisioned concurrency allocated at the instant (0 if none). */
  int provisionedAt(long epochSecond) {
    if (provisionedConcurrency == 0 || epochSecond < provisionedSince()) {
      return 0;
    }
    if (provisionedGaps()) {
      int month = Months.indexOf(epochSecond);
      if (epochSecond >= provisionedGapStart(month) && epochSecond < provisionedGapEnd(month)) {
        return 0;
      }
    }
    return provisionedConcurrency;
  }

  boolean idle() {
    return pattern == TrafficPattern.IDLE;
  }

  /** Mutable builder used by the workload generator only. */
  static final class Builder {
    int id;
    String account;
    String region;
    String name;
    String runtime;
    String handler;
    String packageType;
    long codeSize;
    int timeoutSeconds;
    Map<String, String> tags = Map.of();
    long createdEpochSecond;
    TrafficPattern pattern;
    double baseRate;
    double diurnalPhase;
    double burstFactor;
    double medianMicrosAt1024;
    double sigma;
    double errorRate;
    double throttleRate;
    boolean async;
    boolean deadLetterQueue;
    double deadLetterFailureRate;
    boolean stream;
    double iteratorAgeBaseMs;
    int provisionedConcurrency;
    double coldStartRate;
    double initMedianMicros;
    int memoryUsedMb;
    FunctionConfig configA;
    FunctionConfig configB;
    int changeDay = 1;
    int changeHour;
    int pcGapDay = 1;
    int pcGapHour;
    int pcGapHours;

    FunctionProfile build() {
      return new FunctionProfile(this);
    }
  }
}
