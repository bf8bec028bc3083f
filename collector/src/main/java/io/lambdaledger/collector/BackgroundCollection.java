package io.lambdaledger.collector;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a cycle over every shard on a background thread and returns at once, for an API's "collect
 * now" ({@code POST /collections}). One cycle at a time: asking again while one runs answers with
 * that one. Shards already running in a scheduled cycle are waited for by the cycle, not run twice.
 */
public final class BackgroundCollection implements AutoCloseable {

  /** What {@link #start()} did; {@code id} names the cycle started or still running. */
  public record Started(boolean started, String id, Instant at, String message) {}

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundCollection.class);

  private final Collector collector;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "collect-now");
            thread.setDaemon(true);
            return thread;
          });
  private Future<CycleReport> running;
  private String runningId;
  private Instant runningSince;
  private CycleReport lastReport;
  private long sequence;

  public BackgroundCollection(Collector collector, Clock clock) {
    this.collector = collector;
    this.clock = clock;
  }

  /** Starts a cycle unless one started here is still running. Never blocks on the cycle. */
  public synchronized Started start() {
    if (running != null && !running.isDone()) {
      return new Started(false, runningId, runningSince, "a collection cycle is already running");
    }
    collectFinished();
    runningSince = clock.instant();
    runningId = "cycle-" + runningSince.toEpochMilli() + "-" + (++sequence);
    String id = runningId;
    running =
        executor.submit(
            () -> {
              CycleReport report = collector.runOnce();
              LOG.info(
                  "event=collect-now-finished id={} shards={} failed={}",
                  id,
                  report.shards().size(),
                  report.failures().size());
              return report;
            });
    return new Started(true, id, runningSince, "collection cycle started");
  }

  /** The report of the last cycle started here that has finished, if any. */
  public synchronized Optional<CycleReport> lastReport() {
    collectFinished();
    return Optional.ofNullable(lastReport);
  }

  /** Whether a cycle started here is still running. */
  public synchronized boolean isRunning() {
    return running != null && !running.isDone();
  }

  private void collectFinished() {
    if (running != null && running.isDone()) {
      try {
        lastReport = running.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warn("event=collect-now-failed id={}", runningId, e.getCause());
      }
      running = null;
    }
  }

  /** Stops accepting cycles; waits up to 30 s for a running one. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
