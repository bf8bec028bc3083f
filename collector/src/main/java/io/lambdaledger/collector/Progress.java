package io.lambdaledger.collector;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Reports how far a long collection (a backfill) has come: a redrawn progress bar on a terminal,
 * plain log lines otherwise (cron, CI, Kubernetes logs).
 */
public interface Progress {

  /** A new task of {@code total} steps starts. */
  void start(String task, long total);

  /** {@code steps} more steps are done; {@code note} says what (may be null). */
  void advance(long steps, String note);

  /** The task is over (done or not). */
  void finish();

  /** Nothing reported. */
  static Progress none() {
    return new Progress() {
      @Override
      public void start(String task, long total) {}

      @Override
      public void advance(long steps, String note) {}

      @Override
      public void finish() {}
    };
  }

  /**
   * A bar redrawn in place when {@code terminal} (for example {@code System.console() != null}),
   * else log lines at most every 10 % or 30 s.
   */
  static Progress forConsole(boolean terminal, PrintStream out, Clock clock) {
    return terminal ? new TerminalProgressBar(out, clock) : new LogProgress(clock);
  }
}
