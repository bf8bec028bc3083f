package io.lambdaledger.app;

import io.lambdaledger.api.operations.BillImportTrigger;
import io.lambdaledger.billing.BillImportException;
import io.lambdaledger.billing.BillImporter;
import io.lambdaledger.billing.ImportResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the configured bill exports (AWS Data Exports) in {@code serve}: at start, then whenever
 * {@code interval} has passed since the last import by the injected clock (checked every minute),
 * so a new export version is picked up within the interval of its delivery; and on demand for
 * {@code POST /api/v1/bill/imports}. One import at a time: the schedule waits for a running one, an
 * import asked for while one runs is refused ({@link BillImportTrigger.AlreadyRunningException},
 * HTTP 409) rather than holding the request; versions already imported are skipped by the importer.
 */
final class BillImportSchedule implements BillImportTrigger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BillImportSchedule.class);

  private final BillImporter importer;
  private final List<String> exports;
  private final Duration interval;
  private final Clock clock;
  private final Runnable closeResources;
  private final ReentrantLock running = new ReentrantLock();
  private RepeatingTask timer;
  private Instant lastRun;

  /**
   * @param closeResources run when the schedule closes (closes the S3 client)
   */
  BillImportSchedule(
      BillImporter importer,
      List<String> exports,
      Duration interval,
      Clock clock,
      Runnable closeResources) {
    this.importer = importer;
    this.exports = List.copyOf(exports);
    this.interval = interval;
    this.clock = clock;
    this.closeResources = closeResources;
  }

  /** Checks every minute whether an import is due. */
  BillImportSchedule start() {
    timer =
        new RepeatingTask(
            "bill-import", Duration.ofMinutes(1), LOG, "bill-import-failed", this::runIfDueLogged);
    return this;
  }

  /** Imports every export if none ran yet or {@code interval} has passed; else nothing. */
  List<ImportResult> runIfDue() {
    running.lock();
    try {
      Instant now = clock.instant();
      if (lastRun != null && now.isBefore(lastRun.plus(interval))) {
        return List.of();
      }
      return importAll();
    } finally {
      running.unlock();
    }
  }

  private void runIfDueLogged() {
    for (ImportResult r : runIfDue()) {
      LOG.info(
          "event=bill-import export={} period={} outcome={} lines={}",
          r.exportUri(),
          r.billingPeriod(),
          r.outcome(),
          r.storedLines());
    }
  }

  /** Imports every export; the caller holds {@link #running}. */
  private List<ImportResult> importAll() {
    lastRun = clock.instant();
    List<ImportResult> results = new ArrayList<>();
    for (String export : exports) {
      results.addAll(importer.importExport(export, null));
    }
    return results;
  }

  @Override
  public boolean configured() {
    return !exports.isEmpty();
  }

  @Override
  public List<Imported> importNow() {
    if (!running.tryLock()) {
      throw new AlreadyRunningException(
          "a bill import is already running; ask again once it has finished");
    }
    try {
      return importAll().stream()
          .map(
              r ->
                  new Imported(
                      r.exportUri(),
                      r.billingPeriod(),
                      r.outcome().name().toLowerCase(Locale.ROOT),
                      r.storedLines(),
                      r.billedTotal()))
          .toList();
    } catch (BillImportException e) {
      throw new ImportFailedException(e.getMessage(), e);
    } finally {
      running.unlock();
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.close();
    }
    closeResources.run();
  }
}
