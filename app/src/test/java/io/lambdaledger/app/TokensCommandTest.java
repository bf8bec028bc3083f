package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.EmptySchema;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code tokens create|list|revoke} against a real database, H2 and PostgreSQL. */
class TokensCommandTest {

  private static final Pattern SECRET = Pattern.compile("llt_[A-Za-z0-9_-]{43}");

  @OnEachDatabase
  void createPrintsTheSecretOnceListShowsNoSecretAndRevokeMarksIt(DatabaseKind kind) {
    try (EmptySchema schema = TestDatabases.emptySchema(kind)) {
      Map<String, String> env = Map.of("LEDGER_DB_URL", schema.settings().url());

      CommandRun created =
          MigrateCommandTest.run(
              env,
              "tokens",
              "create",
              "--name",
              "finance",
              "--role",
              "viewer",
              "--accounts",
              "111111111111,222222222222",
              "--expires",
              "P30D");
      assertThat(created.exitCode()).as(created.err()).isZero();
      Matcher secret = SECRET.matcher(created.out());
      assertThat(secret.find()).as(created.out()).isTrue();
      assertThat(created.out()).contains("finance").contains("111111111111,222222222222");

      CommandRun listed = MigrateCommandTest.run(env, "tokens", "list");
      assertThat(listed.exitCode()).as(listed.err()).isZero();
      assertThat(listed.out())
          .contains("finance")
          .contains("viewer")
          .contains("active")
          .contains("111111111111,222222222222")
          .doesNotContain(secret.group());
      assertThat(SECRET.matcher(listed.out()).find()).isFalse();

      CommandRun revoked = MigrateCommandTest.run(env, "tokens", "revoke", "finance");
      assertThat(revoked.exitCode()).as(revoked.err()).isZero();
      assertThat(MigrateCommandTest.run(env, "tokens", "list").out()).contains("revoked");
    }
  }

  @OnEachDatabase
  void badInputIsOneLineAndExitCodeTwo(DatabaseKind kind) {
    try (EmptySchema schema = TestDatabases.emptySchema(kind)) {
      Map<String, String> env = Map.of("LEDGER_DB_URL", schema.settings().url());
      for (String[] args :
          new String[][] {
            {"tokens", "create", "--name", "x", "--role", "root"},
            {"tokens", "create", "--name", "x", "--role", "viewer", "--expires", "30d"},
            {"tokens", "create", "--name", "x", "--role", "viewer", "--accounts", "123"},
            {"tokens", "revoke", "nobody"}
          }) {
        CommandRun run = MigrateCommandTest.run(env, args);
        assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
      }
      assertThat(
              MigrateCommandTest.run(env, "tokens", "create", "--name", "x", "--role", "admin")
                  .exitCode())
          .isZero();
      assertThat(
              MigrateCommandTest.run(env, "tokens", "create", "--name", "x", "--role", "admin")
                  .exitCode())
          .isEqualTo(Main.EXIT_USAGE);
    }
  }
}
