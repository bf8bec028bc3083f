package io.lambdaledger.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Evidence of the reliability suite: every run of a scenario appends one tab-separated row to
 * {@code target/reliability/rows.tsv} of the module under test ({@code bench/reliability} turns the
 * rows into the table of {@code docs/reliability.md}). The row is evidence only; the tests'
 * assertions decide pass or fail.
 *
 * <p>System property {@value #REPETITIONS_PROPERTY} (default 1) says how many times each fault
 * scenario runs, each run with its own seed.
 */
public final class ReliabilityLog {

  public static final String REPETITIONS_PROPERTY = "reliability.repetitions";

  /** Where the rows go, relative to the module (Surefire runs tests there). */
  public static final Path ROWS = Path.of("target", "reliability", "rows.tsv");

  private ReliabilityLog() {}

  /** {@value #REPETITIONS_PROPERTY}, at least 1. */
  public static int repetitions() {
    String value = System.getProperty(REPETITIONS_PROPERTY, "1").strip();
    try {
      return Math.max(1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(REPETITIONS_PROPERTY + " is not a number: " + value, e);
    }
  }

  /** The run numbers 1…{@link #repetitions()}, for {@code @MethodSource}. */
  public static List<Integer> runs() {
    return IntStream.rangeClosed(1, repetitions()).boxed().toList();
  }

  /**
   * One run of one scenario.
   *
   * @param scenario what was tried, e.g. {@code collector: throttling bursts}
   * @param seed the run's seed (or run number)
   * @param faults how the fault was made, in words
   * @param injected how many faults were injected (simulator stats, connections cut, requests)
   * @param compared how many units were checked against the truth
   * @param unit what {@code compared} counts, e.g. {@code function-hours}, {@code requests}
   * @param lost units with less than the truth (or requests answered wrongly)
   * @param doubleCounted units with more than the truth
   * @param passed whether the run's checks held
   * @param seconds how long the run took
   */
  public record Row(
      String scenario,
      long seed,
      String faults,
      long injected,
      long compared,
      String unit,
      long lost,
      long doubleCounted,
      boolean passed,
      double seconds) {

    String tsv() {
      return String.join(
              "\t",
              clean(scenario),
              Long.toString(seed),
              clean(faults),
              Long.toString(injected),
              Long.toString(compared),
              clean(unit),
              Long.toString(lost),
              Long.toString(doubleCounted),
              passed ? "PASS" : "FAIL",
              String.format(java.util.Locale.ROOT, "%.1f", seconds))
          + "\n";
    }

    private static String clean(String text) {
      return text.replace('\t', ' ').replace('\n', ' ');
    }
  }

  /** Appends the row (safe across test threads and forked JVMs). */
  public static synchronized void append(Row row) {
    try {
      Files.createDirectories(ROWS.getParent());
      try (FileChannel channel =
              FileChannel.open(
                  ROWS,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = channel.lock()) {
        lock.channel().write(StandardCharsets.UTF_8.encode(row.tsv()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ROWS.toAbsolutePath(), e);
    }
  }

  /** Seconds since {@code startNanos} ({@link System#nanoTime()}). */
  public static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
