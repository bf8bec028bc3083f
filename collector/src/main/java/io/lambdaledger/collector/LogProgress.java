package io.lambdaledger.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as log lines: one at the start, one per 10 % or 30 s, one at the end. */
final class LogProgress extends CountingProgress {

  private static final Logger LOG = LoggerFactory.getLogger(LogProgress.class);

  private long lastLoggedTenth = -1;
  private Instant lastLogged;

  LogProgress(Clock clock) {
    super(clock);
  }

  @Override
  void started() {
    lastLoggedTenth = 0;
    lastLogged = clock.instant();
    LOG.info("event=progress task={} done=0 total={} percent=0", task, total);
  }

  @Override
  void advanced(String note) {
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
          percent(),
          note == null ? "" : " at=" + note);
    }
  }

  @Override
  public synchronized void finish() {
    LOG.info("event=progress-finished task={} done={} total={}", task, done, total);
  }
}
