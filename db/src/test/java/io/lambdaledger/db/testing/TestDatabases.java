package io.lambdaledger.db.testing;

import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests, on H2 (always) and PostgreSQL (when {@value #POSTGRES_URL_VARIABLE} is
 * set, for example {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 *
 * <p>Run a test on both:
 *
 * <pre>{@code
 * @OnEachDatabase
 * void storesSamples(DatabaseKind kind) {
 *   try (TestDatabase db = TestDatabases.fresh(kind)) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * Without the variable, the PostgreSQL case is reported as skipped with the reason {@value
 * #POSTGRES_SKIPPED}. Each H2 database is a uniquely named in-memory one; each PostgreSQL one is a
 * uniquely named schema ({@code ledger_test_…}) in the configured database, dropped on close.
 */
public final class TestDatabases {

  public static final String POSTGRES_URL_VARIABLE = "LEDGER_TEST_POSTGRES_URL";

  public static final String POSTGRES_SKIPPED =
      "LEDGER_TEST_POSTGRES_URL not set: PostgreSQL cases skipped";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestDatabases() {}

  /** Both kinds, for {@link OnEachDatabase}. */
  public static Stream<DatabaseKind> kinds() {
    return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL);
  }

  /** Whether {@value #POSTGRES_URL_VARIABLE} is set. */
  public static boolean postgresConfigured() {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    return url != null && !url.isBlank();
  }

  /**
   * A fresh migrated database of that kind. For PostgreSQL without {@value #POSTGRES_URL_VARIABLE},
   * aborts the running test (reported as skipped, with the reason).
   */
  public static TestDatabase fresh(DatabaseKind kind) {
    EmptySchema schema = emptySchema(kind);
    try {
      return new TestDatabase(schema, Database.open(schema.settings()));
    } catch (RuntimeException e) {
      schema.close();
      throw e;
    }
  }

  /** A fresh migrated H2 in-memory database. */
  public static TestDatabase h2() {
    return fresh(DatabaseKind.H2);
  }

  /** A fresh migrated PostgreSQL schema; aborts the running test when not configured. */
  public static TestDatabase postgres() {
    return fresh(DatabaseKind.POSTGRESQL);
  }

  /**
   * A fresh empty (unmigrated) database or schema. For PostgreSQL without {@value
   * #POSTGRES_URL_VARIABLE}, aborts the running test.
   */
  public static EmptySchema emptySchema(DatabaseKind kind) {
    return switch (kind) {
      case H2 -> emptyH2();
      case POSTGRESQL -> emptyPostgres();
    };
  }

  private static EmptySchema emptyH2() {
    // DB_CLOSE_DELAY=-1 keeps the in-memory database between connections until SHUTDOWN.
    String url = "jdbc:h2:mem:ledger_test_" + randomSuffix() + ";DB_CLOSE_DELAY=-1";
    DatabaseSettings settings = new DatabaseSettings(url, null, null);
    return new Schema(
        DatabaseKind.H2, settings, () -> execute(url, "shutdown", "shutting down " + url));
  }

  private static EmptySchema emptyPostgres() {
    if (!postgresConfigured()) {
      Assumptions.abort(POSTGRES_SKIPPED);
    }
    String baseUrl = System.getenv(POSTGRES_URL_VARIABLE).strip();
    String schemaName = "ledger_test_" + randomSuffix();
    execute(baseUrl, "create schema " + schemaName, "creating schema " + schemaName);
    String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schemaName;
    DatabaseSettings settings = new DatabaseSettings(url, null, null);
    return new Schema(
        DatabaseKind.POSTGRESQL,
        settings,
        () ->
            execute(
                baseUrl, "drop schema if exists " + schemaName + " cascade", "dropping schema"));
  }

  private static void execute(String url, String sql, String what) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Test database: failed " + what + ": " + e.getMessage(), e);
    }
  }

  private static String randomSuffix() {
    return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).toLowerCase(Locale.ROOT);
  }

  private record Schema(DatabaseKind kind, DatabaseSettings settings, Runnable drop)
      implements EmptySchema {

    @Override
    public void close() {
      try {
        drop.run();
      } catch (RuntimeException e) {
        // Best effort: a schema left behind does not break other tests (names are unique).
        System.err.println(e.getMessage());
      }
    }

    @Override
    public String toString() {
      return kind.toString();
    }
  }
}
