package io.lambdaledger.sim;

/**
 * A function's REPORT log lines of one UTC day, synthesised from the per-minute model (never stored
 * line by line): what Logs Insights aggregates, and how many bytes its log group holds for the day.
 */
final class ReportDays {

  /** Bytes of one invocation's START, END and REPORT events. */
  static final long BYTES_PER_INVOCATION = 360;

  /** What a cold start's "Init Duration: … ms" adds to its REPORT line. */
  static final long BYTES_PER_COLD_START = 25;

  /** One day's aggregate (minutes in {@code [from, to)} of the day). */
  record Day(
      long dayStartEpochSecond,
      long reports,
      int memorySizeMb,
      int maxMemoryUsedMb,
      double billedDurationMsSum,
      double durationMsSum,
      long coldStarts,
      double initDurationMsSum,
      long bytes) {}

  private final Workload workload;

  ReportDays(Workload workload) {
    this.workload = workload;
  }

  /**
   * The REPORT lines of the function in the minutes of {@code [fromEpochSecond, toEpochSecond)}
   * that fall in the day starting at {@code dayStart}; null when the function had no invocation.
   */
  Day day(FunctionProfile f, long dayStart, long fromEpochSecond, long toEpochSecond) {
    long firstMinute = Math.max(dayStart, fromEpochSecond) / 60;
    long endMinute = Math.min(dayStart + 86_400, toEpochSecond) / 60;
    Rng rng = new Rng(0);
    Minute out = new Minute();
    long reports = 0;
    long billedMs = 0;
    long durationMicros = 0;
    long cold = 0;
    long initMicros = 0;
    int memory = 0;
    for (long minute = firstMinute; minute < endMinute; minute++) {
      workload.fill(f, minute, rng, out);
      if (out.invocations == 0) {
        continue;
      }
      reports += out.invocations;
      billedMs += out.billedMs + out.initBilledMs;
      durationMicros += out.durationMicros;
      cold += out.coldStarts;
      initMicros += out.initMicros;
      memory = Math.max(memory, f.config(out.configIndex).memoryMb());
    }
    if (reports == 0) {
      return null;
    }
    return new Day(
        dayStart,
        reports,
        memory,
        maxMemoryUsed(f, dayStart, memory),
        billedMs,
        durationMicros / 1000.0,
        cold,
        initMicros / 1000.0,
        reports * BYTES_PER_INVOCATION + cold * BYTES_PER_COLD_START);
  }

  /** The day's largest "Max Memory Used": the function's typical use plus up to 4 %. */
  int maxMemoryUsed(FunctionProfile f, long dayStart, int memorySizeMb) {
    long h = Rng.hash(workload.seed(), f.id, dayStart / 86_400, 0x4E41L);
    double bump = 1 + 0.04 * ((h >>> 11) * 0x1.0p-53);
    return (int) Math.min(memorySizeMb, Math.round(f.memoryUsedMb * bump));
  }
}
