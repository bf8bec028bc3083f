package io.lambdaledger.app;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * One task of {@code serve} run on its own daemon thread: at once, then {@code every} after each
 * run ends. A run that throws is logged as a warning ({@code event=<failedEvent> error=...}) and
 * the next run comes as usual; {@link #close()} stops the thread.
 */
final class RepeatingTask implements AutoCloseable {
  private final ScheduledExecutorService executor;

  /**
   * @param log the logger of the class the task belongs to
   */
  RepeatingTask(String threadName, Duration every, Logger log, String failedEvent, Runnable task) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(threadName).daemon().factory());
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("event={} error={}", failedEvent, e.toString());
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
