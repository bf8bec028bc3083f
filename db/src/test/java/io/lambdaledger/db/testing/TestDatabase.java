package io.lambdaledger.db.testing;

import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import org.jooq.DSLContext;

/**
 * A fresh, migrated database for one test. Closing it closes the pool and drops the database (H2)
 * or schema (PostgreSQL).
 */
public final class TestDatabase implements AutoCloseable {

  private final EmptySchema schema;
  private final Database database;

  TestDatabase(EmptySchema schema, Database database) {
    this.schema = schema;
    this.database = database;
  }

  public DatabaseKind kind() {
    return schema.kind();
  }

  public Database database() {
    return database;
  }

  public DSLContext dsl() {
    return database.dsl();
  }

  /** Settings pointing at this database (to open a second pool on it, for example). */
  public DatabaseSettings settings() {
    return schema.settings();
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      schema.close();
    }
  }

  @Override
  public String toString() {
    return kind().toString();
  }
}
