package io.lambdaledger.sim;

/**
 * A function's exact billable usage under one configuration during a window: what the bill is
 * computed from.
 *
 * @param invocations requests (all billed, on-demand and provisioned)
 * @param billedMs sum over all invocations of ceil(duration in ms)
 * @param provisionedInvocations invocations served by provisioned concurrency
 * @param provisionedBilledMs the part of {@code billedMs} served by provisioned concurrency
 * @param provisionedConcurrency configured provisioned concurrency (0 if none)
 * @param provisionedSeconds seconds of the window during which it was configured
 * @param coldStarts on-demand invocations that ran INIT first
 * @param initBilledMs what billed INIT adds to {@code billedMs} (not included in it): on-demand
 *     duration billed is {@code billedMs - provisionedBilledMs + initBilledMs}
 */
public record ConfigUsage(
    int memoryMb,
    String architecture,
    int ephemeralStorageMb,
    long invocations,
    long billedMs,
    long provisionedInvocations,
    long provisionedBilledMs,
    int provisionedConcurrency,
    long provisionedSeconds,
    long coldStarts,
    long initBilledMs) {

  boolean sameConfiguration(ConfigUsage other) {
    return memoryMb == other.memoryMb
        && architecture.equals(other.architecture)
        && ephemeralStorageMb == other.ephemeralStorageMb
        && provisionedConcurrency == other.provisionedConcurrency;
  }

  ConfigUsage plus(ConfigUsage other) {
    return new ConfigUsage(
        memoryMb,
        architecture,
        ephemeralStorageMb,
        invocations + other.invocations,
        billedMs + other.billedMs,
        provisionedInvocations + other.provisionedInvocations,
        provisionedBilledMs + other.provisionedBilledMs,
        provisionedConcurrency,
        provisionedSeconds + other.provisionedSeconds,
        coldStarts + other.coldStarts,
        initBilledMs + other.initBilledMs);
  }
}
