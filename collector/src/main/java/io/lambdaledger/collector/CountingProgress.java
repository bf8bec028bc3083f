package io.lambdaledger.collector;

import java.time.Clock;

/**
 * The count both kinds of {@link Progress} keep (the task, its total, the steps done) and how it
 * moves; each subclass only says how it shows a start and an advance.
 */
abstract class CountingProgress implements Progress {

  final Clock clock;
  String task = "";
  long total;
  long done;

  CountingProgress(Clock clock) {
    this.clock = clock;
  }

  @Override
  public final synchronized void start(String task, long total) {
    this.task = task;
    this.total = total;
    this.done = 0;
    started();
  }

  @Override
  public final synchronized void advance(long steps, String note) {
    done = Math.min(total, done + steps);
    advanced(note);
  }

  /** Whole percent done; 100 for a task of no steps. */
  final long percent() {
    return total == 0 ? 100 : 100 * done / total;
  }

  /** Shows that the task (now in the fields) started; called holding the lock. */
  abstract void started();

  /** Shows an advance ({@code note} may be null); called holding the lock. */
  abstract void advanced(String note);
}
