package io.lambdaledger.db;

import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;
import org.jooq.exception.DataAccessException;

/**
 * Runs a unit of work in a transaction and retries it when the database aborted it because of a
 * concurrent writer (deadlock, serialization failure, lock timeout). Safe because every write in
 * this module is an idempotent upsert.
 */
final class Transactions {

  private static final int ATTEMPTS = 5;

  /**
   * SQL states of a transaction lost to a concurrent one: serialization failure, PostgreSQL
   * deadlock, H2 lock timeout and H2 concurrent update.
   */
  private static final Set<String> CONCURRENCY_STATES = Set.of("40001", "40P01", "HYT00", "90131");

  /** Unique violation: an upsert raced by another one (H2 emulates upserts with MERGE). */
  private static final String UNIQUE_VIOLATION = "23505";

  private Transactions() {}

  static <T> T inTransaction(DSLContext dsl, TransactionalCallable<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return dsl.transactionResult(work);
      } catch (DataAccessException e) {
        if (attempt >= ATTEMPTS || !isLostToConcurrentWriter(e)) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  static boolean isLostToConcurrentWriter(DataAccessException e) {
    String state = e.sqlState();
    return CONCURRENCY_STATES.contains(state) || UNIQUE_VIOLATION.equals(state);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(10L * attempt * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
