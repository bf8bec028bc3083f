package io.lambdaledger.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums the per-minute model over a window, per function and configuration. A minute counts when its
 * start is in [from, to), it is not before the workload start and it has ended by "now"; the
 * CloudWatch lag does not apply (the truth is what happened, visible or not yet).
 */
final class TruthCalculator {

  private final Workload workload;

  TruthCalculator(Workload workload) {
    this.workload = workload;
  }

  List<FunctionTruth> compute(
      long fromEpochSecond,
      long toEpochSecond,
      long nowEpochSecond,
      String account,
      String region) {
    long firstMinute =
        Math.max(
            Math.floorDiv(fromEpochSecond + 59, 60),
            Math.floorDiv(workload.startEpochSecond() + 59, 60));
    long lastMinute =
        Math.min(Math.floorDiv(toEpochSecond + 59, 60) - 1, Math.floorDiv(nowEpochSecond, 60) - 1);
    List<FunctionProfile> selected =
        workload.functions().stream()
            .filter(f -> account == null || f.account.equals(account))
            .filter(f -> region == null || f.region.equals(region))
            .toList();
    return selected.parallelStream().map(f -> function(f, firstMinute, lastMinute)).toList();
  }

  private FunctionTruth function(FunctionProfile f, long firstMinute, long lastMinute) {
    Rng rng = new Rng(0);
    Minute minute = new Minute();
    Minute total = new Minute();
    Minute[] byConfig = {new Minute(), new Minute()};
    long[] provisionedSeconds = new long[2];
    boolean[] used = new boolean[2];
    if (!f.idle() || f.provisionedConcurrency > 0) {
      for (long m = firstMinute; m <= lastMinute; m++) {
        workload.fill(f, m, rng, minute);
        int config = minute.configIndex;
        if (f.provisionedAt(m * 60) > 0) {
          provisionedSeconds[config] += 60;
          used[config] = true;
        }
        if (minute.active()) {
          total.add(minute);
          byConfig[config].add(minute);
          used[config] = true;
        }
      }
    }
    List<ConfigUsage> configs = new ArrayList<>(2);
    for (int i = 0; i < 2; i++) {
      if (!used[i]) {
        continue;
      }
      FunctionConfig c = f.config(i);
      Minute u = byConfig[i];
      configs.add(
          new ConfigUsage(
              c.memoryMb(),
              c.architecture(),
              c.ephemeralStorageMb(),
              u.invocations,
              u.billedMs,
              u.provisionedInvocations,
              u.provisionedBilledMs,
              f.provisionedConcurrency,
              provisionedSeconds[i],
              u.coldStarts,
              u.initBilledMs));
    }
    return new FunctionTruth(
        f.account,
        f.region,
        f.name,
        total.invocations,
        BigDecimal.valueOf(total.durationMicros, 3),
        total.billedMs,
        total.errors,
        total.throttles,
        total.deadLetterErrors,
        f.stream && total.invocations > 0 ? total.maxIteratorAgeMs : null,
        total.provisionedInvocations,
        configs,
        total.coldStarts,
        BigDecimal.valueOf(total.initMicros, 3),
        total.initBilledMs);
  }
}
