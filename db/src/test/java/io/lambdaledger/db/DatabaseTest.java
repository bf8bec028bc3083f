package io.lambdaledger.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.db.jooq.DefaultSchema;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.EmptySchema;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  @OnEachDatabase
  void firstOpenAppliesEveryMigrationAndSecondOpenAppliesNothing(DatabaseKind kind)
      throws IOException {
    List<String> scripts = scriptVersions();
    try (EmptySchema schema = TestDatabases.emptySchema(kind)) {
      MigrationResult first;
      try (Database database = Database.open(schema.settings())) {
        first = database.migration();
      }
      MigrationResult second;
      try (Database database = Database.open(schema.settings())) {
        second = database.migration();
      }

      assertThat(scripts).startsWith("1", "2", "3");
      assertThat(first.appliedVersions()).containsExactlyElementsOf(scripts);
      assertThat(first.upToDate()).isFalse();
      assertThat(second.appliedVersions()).isEmpty();
      assertThat(second.upToDate()).isTrue();
      assertThat(second.schemaVersion()).isEqualTo(scripts.get(scripts.size() - 1));
    }
  }

  /** Versions of the scripts in {@code db/migrations}, in order. */
  private static List<String> scriptVersions() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("migrations"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.+\\.sql"))
          .map(name -> name.substring(1, name.indexOf("__")))
          .sorted(Comparator.comparingInt(Integer::parseInt))
          .toList();
    }
  }

  @OnEachDatabase
  void everyGeneratedTableMatchesTheMigratedSchema(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      List<Table<?>> tables = DefaultSchema.DEFAULT_SCHEMA.getTables();

      // Selecting every generated column fails if a name or table differs from the real schema.
      for (Table<?> table : tables) {
        assertThat(db.dsl().selectFrom(table).fetch()).as(table.getName()).isEmpty();
      }
      assertThat(tables).extracting(Table::getName).contains("metric_sample", "scheduled_tasks");
    }
  }

  @OnEachDatabase
  void picksTheDialectFromTheUrlAndReportsReachability(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      SQLDialect expected = kind == DatabaseKind.H2 ? SQLDialect.H2 : SQLDialect.POSTGRES;

      assertThat(db.database().dialect()).isEqualTo(expected);
      assertThat(db.database().isReachable()).isTrue();
    }
  }

  @Test
  void anUnreachableDatabaseNamesTheUrlButNotThePassword() {
    DatabaseSettings settings =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:1/ledger?user=ledger&password=s3cret-in-url",
            "ledger",
            "s3cret-setting");

    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("Cannot connect to database jdbc:postgresql://127.0.0.1:1/ledger")
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aPostgresqlStatementWaitsAtMostTheSocketTimeoutForTheServer() {
    try (TestDatabase db = TestDatabases.postgres()) {
      int timeoutMillis = db.dsl().connectionResult(connection -> connection.getNetworkTimeout());

      assertThat(timeoutMillis).isEqualTo(Database.SOCKET_TIMEOUT_SECONDS * 1000);
    }
  }

  @Test
  void aSocketTimeoutInTheUrlWinsAndEndsAStatementTheServerDoesNotAnswer() {
    try (EmptySchema schema = TestDatabases.emptySchema(DatabaseKind.POSTGRESQL)) {
      String url = schema.settings().url();
      DatabaseSettings settings =
          new DatabaseSettings(
              url + (url.contains("?") ? "&" : "?") + "socketTimeout=1",
              schema.settings().user(),
              schema.settings().password());
      try (Database database = Database.open(settings)) {
        assertThatThrownBy(() -> database.dsl().execute("select pg_sleep(5)"))
            .hasStackTraceContaining("timed out");
      }
    }
  }

  @Test
  void aPortThatAcceptsButNeverAnswersFailsWithinTheLoginTimeoutInsteadOfHanging()
      throws IOException {
    // the kernel completes the TCP handshake; nobody ever reads or writes
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      DatabaseSettings settings =
          new DatabaseSettings(
              "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/ledger?loginTimeout=1",
              null,
              null);
      long started = System.nanoTime();

      assertThatThrownBy(() -> Database.open(settings))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageStartingWith("Cannot connect to database jdbc:postgresql://127.0.0.1:");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
          .as("the URL's loginTimeout (1 s) bounds the wait")
          .isLessThan(java.time.Duration.ofSeconds(Database.LOGIN_TIMEOUT_SECONDS));
    }
  }

  @Test
  void anUrlOfAnotherDatabaseIsRefusedWithItsNameRedacted() {
    DatabaseSettings settings =
        new DatabaseSettings("jdbc:mysql://db/ledger?password=hunter2", null, null);

    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://db/ledger?password=***")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void redactionMasksUrlPasswordsUserInfoAndTheConfiguredPassword() {
    DatabaseSettings settings =
        new DatabaseSettings(
            "jdbc:postgresql://alice:pw1@db:5432/x?PASSWORD=pw2;other=1", "alice", "pw3");

    assertThat(settings.redactedUrl())
        .isEqualTo("jdbc:postgresql://alice:***@db:5432/x?PASSWORD=***;other=1");
    assertThat(settings.redact("login failed with pw3")).isEqualTo("login failed with ***");
    assertThat(settings.toString()).doesNotContain("pw1", "pw2", "pw3");
  }

  @Test
  void theDefaultIsAnH2FileDatabaseUnderDataWithoutANetworkListener() {
    assertThat(DatabaseSettings.defaults().url())
        .startsWith("jdbc:h2:file:./data/lambda-ledger;")
        .doesNotContain("AUTO_SERVER");
  }
}
