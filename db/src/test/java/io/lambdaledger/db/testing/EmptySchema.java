package io.lambdaledger.db.testing;

import io.lambdaledger.db.DatabaseSettings;

/**
 * A fresh, empty, unmigrated database (H2 in memory) or schema (PostgreSQL) for one test; {@link
 * #close()} drops it. For tests of code that migrates or opens the database itself, such as the
 * CLI's {@code migrate}.
 */
public interface EmptySchema extends AutoCloseable {

  DatabaseKind kind();

  /** Settings pointing at the empty schema. */
  DatabaseSettings settings();

  /** Drops the database or schema; never throws. */
  @Override
  void close();
}
