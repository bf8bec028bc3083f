package io.lambdaledger.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The database: a connection pool, the schema migrated to the current version, and one jOOQ {@link
 * DSLContext} for the stores. Open it once at start-up and close it at shutdown.
 *
 * <p>H2 when the URL starts with {@code jdbc:h2:}, PostgreSQL when it starts with {@code
 * jdbc:postgresql:}.
 */
public final class Database implements AutoCloseable {

  /** Where Flyway finds the scripts: {@code db/migrations} is packaged there. */
  static final String MIGRATIONS_LOCATION = "classpath:db/migration";

  /** Longest a PostgreSQL login may take (connect, TLS, authentication). */
  static final int LOGIN_TIMEOUT_SECONDS = 10;

  /** Longest wait for the server's answer to one statement (PostgreSQL; the URL may override). */
  static final int SOCKET_TIMEOUT_SECONDS = 600;

  private final DatabaseSettings settings;
  private final HikariDataSource dataSource;
  private final SQLDialect dialect;
  private final DSLContext dsl;
  private final MigrationResult migration;

  private Database(
      DatabaseSettings settings,
      HikariDataSource dataSource,
      SQLDialect dialect,
      MigrationResult migration) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.migration = migration;
    // Generated names are lower case; unquoted they match H2 (upper-cases) and PostgreSQL
    // (lower-cases) alike.
    Settings jooqSettings = new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER);
    this.dsl = DSL.using(dataSource, dialect, jooqSettings);
  }

  /**
   * Connects, migrates the schema (a no-op when it is current) and returns the open database.
   *
   * @throws IllegalArgumentException if the URL is neither H2 nor PostgreSQL
   * @throws DatabaseUnavailableException if the database cannot be reached or logged into
   * @throws DatabaseMigrationException if the schema cannot be migrated
   */
  public static Database open(DatabaseSettings settings) {
    SQLDialect dialect = dialectOf(settings);
    Optional<H2Files> h2Files = H2Files.of(settings.url());
    h2Files.ifPresent(H2Files::createDirectory);
    HikariDataSource dataSource = connect(settings, dialect);
    try {
      MigrationResult migration = migrate(settings, dataSource);
      h2Files.ifPresent(H2Files::restrictToOwner);
      return new Database(settings, dataSource, dialect, migration);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** The jOOQ context every store uses; thread-safe. */
  public DSLContext dsl() {
    return dsl;
  }

  /** The pool, for libraries that take a {@link DataSource} (db-scheduler). */
  public DataSource dataSource() {
    return dataSource;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  /** What the migration at {@link #open} applied. */
  public MigrationResult migration() {
    return migration;
  }

  /** The URL with any password masked. */
  public String redactedUrl() {
    return settings.redactedUrl();
  }

  /** Whether a connection can be obtained and validated within a few seconds (readiness). */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  static SQLDialect dialectOf(DatabaseSettings settings) {
    String url = settings.url();
    if (url.startsWith("jdbc:h2:")) {
      return SQLDialect.H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return SQLDialect.POSTGRES;
    }
    throw new IllegalArgumentException(
        "Unsupported database URL "
            + settings.redactedUrl()
            + ": use jdbc:h2:… (embedded) or jdbc:postgresql:…");
  }

  private static HikariDataSource connect(DatabaseSettings settings, SQLDialect dialect) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("lambda-ledger");
    config.setJdbcUrl(settings.url());
    config.setDriverClassName(dialect == SQLDialect.H2 ? "org.h2.Driver" : "org.postgresql.Driver");
    if (settings.user() != null) {
      config.setUsername(settings.user());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(10);
    config.setConnectionTimeout(10_000);
    if (dialect == SQLDialect.POSTGRES) {
      // A server that accepts the connection and never answers would otherwise hang the login
      // (and start-up) for ever: the driver's loginTimeout is unlimited by default. A value in the
      // URL wins over this one.
      config.addDataSourceProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
      // Likewise a server that stops answering in the middle of a statement would hold a
      // collection cycle (and its shard) for ever; no statement of ours runs this long.
      config.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(failure("Cannot connect to database", settings, e), e);
    }
  }

  private static MigrationResult migrate(DatabaseSettings settings, DataSource dataSource) {
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(dataSource)
              .locations(MIGRATIONS_LOCATION)
              .failOnMissingLocations(true)
              .load()
              .migrate();
      List<String> applied = result.migrations.stream().map(output -> output.version).toList();
      String version =
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion;
      return new MigrationResult(applied, version);
    } catch (FlywayException e) {
      throw new DatabaseMigrationException(failure("Cannot migrate database", settings, e), e);
    }
  }

  /** {@code what}, the URL and the root cause's message, with the password redacted. */
  private static String failure(String what, DatabaseSettings settings, Throwable e) {
    return what + " " + settings.redactedUrl() + ": " + settings.redact(rootMessage(e));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message != null ? message.strip() : root.getClass().getSimpleName();
  }
}
