package io.lambdaledger.sim;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Decides, call by call, which fault (if any) an operation suffers. Thread-safe. */
final class FaultInjector {

  enum Fault {
    NONE,
    THROTTLE,
    SERVER_ERROR,
    DROP,
    DENY,
    UNSUPPORTED
  }

  private final Random random;
  private volatile Faults faults;
  private final Map<String, Countdown> countdowns = new ConcurrentHashMap<>();

  FaultInjector(Faults faults, long seed) {
    this.random = new Random(seed);
    set(faults);
  }

  synchronized void set(Faults faults) {
    this.faults = faults;
    countdowns.clear();
  }

  Faults current() {
    return faults;
  }

  Duration latency(String operation) {
    return faults.ruleFor(operation).latency();
  }

  Fault decide(String operation) {
    FaultRule rule = faults.ruleFor(operation);
    if (rule.none()) {
      return Fault.NONE;
    }
    if (rule.deny()) {
      return Fault.DENY;
    }
    if (rule.unsupported()) {
      return Fault.UNSUPPORTED;
    }
    String key = faults.rules().containsKey(operation) ? operation : Faults.ALL + operation;
    Countdown countdown = countdowns.computeIfAbsent(key, k -> new Countdown(rule));
    if (countdown.throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Fault.THROTTLE;
    }
    if (countdown.error.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Fault.SERVER_ERROR;
    }
    if (countdown.drop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Fault.DROP;
    }
    double u = random.nextDouble();
    if (u < rule.throttle()) {
      return Fault.THROTTLE;
    }
    if (u < rule.throttle() + rule.error()) {
      return Fault.SERVER_ERROR;
    }
    if (u < rule.throttle() + rule.error() + rule.drop()) {
      return Fault.DROP;
    }
    return Fault.NONE;
  }

  /** Whether one returned GetMetricData series should be cut short. */
  boolean partialData(String operation) {
    double rate = faults.ruleFor(operation).partialData();
    return rate > 0 && random.nextDouble() < rate;
  }

  /** Remaining deterministic faults of one operation (per operation, also under {@code *}). */
  private static final class Countdown {
    final AtomicInteger throttle;
    final AtomicInteger error;
    final AtomicInteger drop;

    Countdown(FaultRule rule) {
      throttle = new AtomicInteger(rule.throttleNext());
      error = new AtomicInteger(rule.errorNext());
      drop = new AtomicInteger(rule.dropNext());
    }
  }
}
