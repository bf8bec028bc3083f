package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.EmptySchema;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
  @TempDir Path dir;

  static CommandRun run(Map<String, String> environment, String... args) {
    return CommandRun.of(environment, args);
  }

  @Test
  void migrateCreatesTheH2FileDatabaseAndASecondRunChangesNothing() {
    Path file = dir.resolve("ledger");
    Map<String, String> environment = Map.of("LEDGER_DB_URL", "jdbc:h2:file:" + file);

    CommandRun first = run(environment, "migrate");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Migrated").contains("applied 1, 2, 3");
    assertThat(Files.exists(dir.resolve("ledger.mv.db"))).isTrue();

    CommandRun second = run(environment, "migrate");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("up to date").doesNotContain("Migrated");
  }

  @OnEachDatabase
  void migrateIsIdempotentOnEachDatabase(DatabaseKind kind) {
    try (EmptySchema schema = TestDatabases.emptySchema(kind)) {
      Map<String, String> environment = new HashMap<>();
      environment.put("LEDGER_DB_URL", schema.settings().url());
      assertThat(run(environment, "migrate").out()).contains("Migrated");
      assertThat(run(environment, "migrate").out()).contains("up to date");
    }
  }

  @Test
  void anUnreachableDatabaseIsOneLineWithoutThePasswordAndExitCodeOne() {
    CommandRun run =
        run(
            Map.of(
                "LEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:1/ledger",
                "LEDGER_DB_PASSWORD", "hunter2"),
            "migrate");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("127.0.0.1:1").doesNotContain("hunter2");
  }

  @Test
  void anUnknownConfigurationKeyIsExitCodeTwoAndNamesTheKey() throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "databse:\n  url: jdbc:h2:mem:x\n");
    CommandRun run = run(Map.of(), "--config", config.toString(), "migrate");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("unknown key 'databse'").doesNotContain("Exception");
  }

  @Test
  void versionAndHelpWork() {
    assertThat(run(Map.of(), "--version").out()).startsWith("lambda-ledger ");
    assertThat(run(Map.of(), "--help").out()).contains("migrate", "estimate", "simulate");
  }
}
