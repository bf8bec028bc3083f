package io.lambdaledger.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as log lines: one at the start, one per 10 % or 30 s, one at the end. */
final class LogProgress implements Progress {

  private static final Logger LOG = LoggerFactory.getLogger(LogProgress.class);

  private final Clock clock;
  private String task = "";
  private long total;
  private long done;
  private long lastLoggedTenth = -1;
  private Instant lastLogged;

  LogProgress(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void start(String task, long total) {
    this.task = task;
    this.total = total;
    this.done = 0;
    this.lastLoggedTenth = 0;
    this.lastLogged = clock.instant();
    LOG.info("event=progress task={} done=0 total={} percent=0", task, total);
  }

  @Override
  public synchronized void advance(long steps, String note) {
    done = Math.min(total, done + steps);
    long tenth = total == 0 ? 10 : 10 * done / total;
    Instant now = clock.instant();
    if (tenth > lastLoggedTenth || Duration.between(lastLogged, now).toSeconds() >= 30) {
      lastLoggedTenth = tenth;
      lastLogged = now;
      LOG.info(
          "event=progress task={} done={} total={} percent={}{}",
          task,
          done,
          total,
          total == 0 ? 100 : 100 * done / total,
          note == null ? "" : " at=" + note);
    }
  }

  @Override
  public synchronized void finish() {
    LOG.info("event=progress-finished task={} done={} total={}", task, done, total);
  }
}
