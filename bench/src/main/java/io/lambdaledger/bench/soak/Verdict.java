package io.lambdaledger.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/** The soak's pass/fail criteria over the samples and the client's outcomes, and its summary. */
record Verdict(List<Row> rows, Map<String, Map<String, Long>> outcomes, long sent, long skipped) {

  /** One line of the summary table; {@code passed} is null for a value only reported. */
  record Row(
      String what, String start, String end, String range, String criterion, Boolean passed) {

    String verdict() {
      return passed == null ? "–" : passed ? "ok" : "**failed**";
    }
  }

  boolean passed() {
    return rows.stream().noneMatch(r -> Boolean.FALSE.equals(r.passed()));
  }

  static Verdict of(
      List<Sample> samples, Map<String, Map<String, LongAdder>> live, long sent, long skipped) {
    Map<String, Map<String, Long>> outcomes = new TreeMap<>();
    live.forEach(
        (path, byOutcome) -> {
          Map<String, Long> counts = new TreeMap<>();
          byOutcome.forEach((outcome, n) -> counts.put(outcome, n.sum()));
          outcomes.put(path, counts);
        });
    long answered = 0;
    long bad = 0;
    for (Map<String, Long> counts : outcomes.values()) {
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        answered += e.getValue();
        if (!"200".equals(e.getKey())) {
          bad += e.getValue();
        }
      }
    }
    Sample first = samples.getFirst();
    Sample last = samples.getLast();
    long total = last.seconds();
    List<Sample> firstThird = samples.stream().filter(s -> s.seconds() * 3 <= total).toList();
    List<Sample> lastThird = samples.stream().filter(s -> s.seconds() * 3 >= 2 * total).toList();
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("Duration", "", minutes(total), samples.size() + " samples", "", null));
    rows.add(
        new Row(
            "Requests (load generator)",
            "",
            String.format(Locale.ROOT, "%,d answered", answered),
            String.format(
                Locale.ROOT,
                "%,d sent, %,d not sent (4 of that request still in flight)",
                sent,
                skipped),
            "every answer 200, no I/O error",
            bad == 0 && answered > 0));
    rows.add(
        new Row(
            "Server responses 4xx / 5xx (`/metrics`)",
            first.http4xx() + " / " + first.http5xx(),
            last.http4xx() + " / " + last.http5xx(),
            String.format(Locale.ROOT, "%,d 2xx", last.http2xx()),
            "no 4xx, no 5xx",
            last.http4xx() == 0 && last.http5xx() == 0));
    rows.add(
        new Row(
            "Collection cycles ok / failed",
            first.cyclesOk() + " / " + first.cyclesFailed(),
            last.cyclesOk() + " / " + last.cyclesFailed(),
            "",
            "every cycle succeeded, at least one",
            last.cyclesFailed() == 0 && last.cyclesOk() > 0));
    boolean afterGc =
        firstThird.stream().anyMatch(s -> s.heapAfterGc() >= 0)
            && lastThird.stream().anyMatch(s -> s.heapAfterGc() >= 0);
    ToLongFunction<Sample> heap = afterGc ? Sample::heapAfterGc : Sample::heapUsed;
    // A leak lifts every sample; one sample taken just after a young collection in the middle of
    // a re-price is high without being retained. So the thirds' medians are compared.
    long firstMedian = median(firstThird, heap);
    long lastMedian = median(lastThird, heap);
    rows.add(
        new Row(
            afterGc ? "Heap after last GC" : "Heap used",
            mib(heap.applyAsLong(first)),
            mib(heap.applyAsLong(last)),
            "median "
                + mib(firstMedian)
                + " (first third), "
                + mib(lastMedian)
                + " (last third); max "
                + mib(max(firstThird, heap))
                + ", "
                + mib(max(lastThird, heap)),
            String.format(
                Locale.ROOT,
                "last third's median ≤ first third's median + %.0f %%",
                SoakDriver.HEAP_MARGIN * 100),
            firstMedian > 0 && lastMedian <= firstMedian * (1 + SoakDriver.HEAP_MARGIN)));
    rows.add(memory("Heap used (of max " + mib(last.heapMax()) + ")", samples, Sample::heapUsed));
    rows.add(
        bounded("Live threads", samples, firstThird, Sample::threads, SoakDriver.THREAD_MARGIN));
    rows.add(
        bounded(
            "DB pool connections, total",
            samples,
            firstThird,
            Sample::poolTotal,
            SoakDriver.CONNECTION_MARGIN));
    rows.add(
        bounded(
            "DB pool connections, active",
            samples,
            firstThird,
            Sample::poolActive,
            SoakDriver.CONNECTION_MARGIN));
    if (last.pgBackends() >= 0) {
      rows.add(
          bounded(
              "PostgreSQL backends of the server",
              samples,
              firstThird,
              Sample::pgBackends,
              SoakDriver.CONNECTION_MARGIN));
    }
    rows.add(memory("Process RSS", samples, Sample::rss));
    rows.add(
        new Row(
            "Open file descriptors",
            Long.toString(first.openFiles()),
            Long.toString(last.openFiles()),
            "max " + max(samples, Sample::openFiles),
            "",
            null));
    return new Verdict(List.copyOf(rows), outcomes, sent, skipped);
  }

  /**
   * End value at most the first third's maximum plus a margin; unmeasured is reported, not failed.
   */
  private static Row bounded(
      String what,
      List<Sample> samples,
      List<Sample> firstThird,
      ToLongFunction<Sample> value,
      int margin) {
    long start = value.applyAsLong(samples.getFirst());
    long end = value.applyAsLong(samples.getLast());
    long baseline = max(firstThird, value);
    if (end < 0 || baseline < 0) {
      return new Row(what, "?", "?", "not measured", "", null);
    }
    return new Row(
        what,
        Long.toString(start),
        Long.toString(end),
        "max " + baseline + " (first third), " + max(samples, value) + " (run)",
        "end ≤ first third's max + " + margin,
        end <= baseline + margin);
  }

  private static long median(List<Sample> samples, ToLongFunction<Sample> value) {
    long[] sorted = samples.stream().mapToLong(value).filter(v -> v >= 0).sorted().toArray();
    return sorted.length == 0 ? -1 : sorted[sorted.length / 2];
  }

  /** Bytes at the start, at the end and at most: reported, not judged. */
  private static Row memory(String name, List<Sample> samples, ToLongFunction<Sample> bytes) {
    return new Row(
        name,
        mib(bytes.applyAsLong(samples.getFirst())),
        mib(bytes.applyAsLong(samples.getLast())),
        "max " + mib(max(samples, bytes)),
        "",
        null);
  }

  private static long max(List<Sample> samples, ToLongFunction<Sample> value) {
    return samples.stream().mapToLong(value).max().orElse(-1);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static String minutes(long seconds) {
    return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
  }

  String markdown(SoakDriver.Options options, List<Sample> samples) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(options.title()).append("\n\n");
    if (!options.setup().isEmpty()) {
      out.append(options.setup()).append("\n\n");
    }
    out.append("**Result: ").append(passed() ? "passed" : "FAILED").append("**");
    out.append(" (samples every ")
        .append(options.sampleEvery().toSeconds())
        .append(" s in `bench/target/soak/samples.csv`)\n\n");
    out.append("| What | Start | End | Range | Criterion | Verdict |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ")
          .append(
              String.join(
                  " | ",
                  row.what(),
                  row.start(),
                  row.end(),
                  row.range(),
                  row.criterion(),
                  row.verdict()))
          .append(" |\n");
    }
    out.append("\n| Request | Answers |\n|---|---|\n");
    outcomes.forEach(
        (path, counts) -> {
          StringBuilder answers = new StringBuilder();
          counts.forEach(
              (outcome, n) ->
                  answers
                      .append(answers.isEmpty() ? "" : ", ")
                      .append(String.format(Locale.ROOT, "%,d × %s", n, outcome)));
          out.append("| `GET ").append(path).append("` | ").append(answers).append(" |\n");
        });
    return out.toString();
  }
}
