package io.lambdaledger.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link SimulatorStats}. */
final class StatsRecorder {

  private final Map<String, Counters> byOperation = new ConcurrentHashMap<>();

  Counters of(String operation) {
    return byOperation.computeIfAbsent(operation, k -> new Counters());
  }

  SimulatorStats snapshot() {
    Map<String, OperationStats> operations = new HashMap<>();
    byOperation.forEach((name, c) -> operations.put(name, c.snapshot()));
    return new SimulatorStats(operations);
  }

  void reset() {
    byOperation.clear();
  }

  static final class Counters {
    final LongAdder calls = new LongAdder();
    final LongAdder metricsRequested = new LongAdder();
    final LongAdder datapointsReturned = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder partialData = new LongAdder();

    OperationStats snapshot() {
      return new OperationStats(
          calls.sum(),
          metricsRequested.sum(),
          datapointsReturned.sum(),
          throttled.sum(),
          serverErrors.sum(),
          dropped.sum(),
          clientErrors.sum(),
          partialData.sum());
    }
  }
}
