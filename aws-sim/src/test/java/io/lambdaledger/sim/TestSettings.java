package io.lambdaledger.sim;

import java.time.Instant;

/** Simulator settings the tests start from. */
final class TestSettings {

  private TestSettings() {}

  /** The defaults with {@code functions} functions, the clock stopped at {@code now}. */
  static SimulatorSettings at(Instant now, int functions) {
    return SimulatorSettings.defaults().withFunctions(functions).withClock(new MutableClock(now));
  }

  /** As {@link #at(Instant, int)}, the estate drawn from {@code seed}. */
  static SimulatorSettings at(Instant now, int functions, long seed) {
    return at(now, functions).withSeed(seed);
  }
}
