package io.lambdaledger.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The ground truth of a window: per function, what happened (exact sums of the per-invocation
 * model).
 */
public record Truth(Instant from, Instant to, List<FunctionTruth> functions) {

  public Truth {
    functions = List.copyOf(functions);
  }

  public long invocations() {
    return functions.stream().mapToLong(FunctionTruth::invocations).sum();
  }

  public long billedMs() {
    return functions.stream().mapToLong(FunctionTruth::billedMs).sum();
  }

  public BigDecimal durationMsSum() {
    return functions.stream()
        .map(FunctionTruth::durationMsSum)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The function's line, or null if no such function is in the window's selection. */
  public FunctionTruth function(String account, String region, String name) {
    for (FunctionTruth f : functions) {
      if (f.account().equals(account) && f.region().equals(region) && f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
