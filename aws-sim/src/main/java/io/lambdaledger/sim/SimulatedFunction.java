package io.lambdaledger.sim;

import java.util.Map;

/**
 * A function of the simulated estate as Lambda would describe it at the simulator's "now", plus
 * what kind of traffic it gets (for demos and tests).
 *
 * @param pattern {@code IDLE}, {@code STEADY}, {@code DIURNAL} or {@code BURSTY}
 * @param provisionedConcurrency allocated at "now" (functions with gaps have none during them)
 * @param changesConfiguration whether memory or architecture toggles once a month
 */
public record SimulatedFunction(
    String account,
    String region,
    String name,
    String arn,
    int memoryMb,
    String architecture,
    int ephemeralStorageMb,
    int timeoutSeconds,
    String runtime,
    int provisionedConcurrency,
    Map<String, String> tags,
    String pattern,
    boolean changesConfiguration) {

  public SimulatedFunction {
    tags = Map.copyOf(tags);
  }

  static SimulatedFunction of(FunctionProfile f, long nowEpochSecond) {
    FunctionConfig config = f.configAt(nowEpochSecond);
    return new SimulatedFunction(
        f.account,
        f.region,
        f.name,
        f.arn,
        config.memoryMb(),
        config.architecture(),
        config.ephemeralStorageMb(),
        f.timeoutSeconds,
        f.runtime,
        f.provisionedAt(nowEpochSecond),
        f.tags,
        f.pattern.name(),
        f.changes);
  }
}
