package io.lambdaledger.collector;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the AWS calls of one run per operation (each page and each re-request is a call) and the
 * metrics requested from GetMetricData, which is what CloudWatch bills. Retries inside the SDK are
 * not counted: they are the same call.
 */
final class CallCounter {

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final LongAdder metricsRequested = new LongAdder();
  private final LongAdder seriesWithData = new LongAdder();

  public void call(String operation) {
    calls.computeIfAbsent(operation, key -> new LongAdder()).increment();
  }

  /** One GetMetricData call carrying {@code queries} metric queries. */
  public void getMetricData(int queries) {
    call("GetMetricData");
    metricsRequested.add(queries);
  }

  public long calls(String operation) {
    LongAdder adder = calls.get(operation);
    return adder == null ? 0 : adder.sum();
  }

  /** Calls per operation, sorted by name. */
  public Map<String, Long> callsByOperation() {
    Map<String, Long> snapshot = new TreeMap<>();
    calls.forEach((operation, adder) -> snapshot.put(operation, adder.sum()));
    return snapshot;
  }

  /** Requested series that came back with at least one datapoint in their window. */
  public void seriesWithData(long series) {
    seriesWithData.add(series);
  }

  public long seriesWithData() {
    return seriesWithData.sum();
  }

  public long metricsRequested() {
    return metricsRequested.sum();
  }

  /** Adds another counter's numbers to this one. */
  public void addAll(CallCounter other) {
    other.calls.forEach(
        (operation, adder) ->
            calls.computeIfAbsent(operation, key -> new LongAdder()).add(adder.sum()));
    metricsRequested.add(other.metricsRequested());
    seriesWithData.add(other.seriesWithData());
  }
}
