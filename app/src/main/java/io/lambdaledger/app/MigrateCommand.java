package io.lambdaledger.app;

import io.lambdaledger.db.Database;
import io.lambdaledger.db.MigrationResult;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** Creates or upgrades the schema; a second run changes nothing. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Create or upgrade the database schema (running it twice changes nothing).")
final class MigrateCommand extends LedgerSubcommand {

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = Databases.open(main.config().database())) {
      MigrationResult result = database.migration();
      if (result.upToDate()) {
        out.printf(
            "Schema of %s is up to date (version %s); nothing to do.%n",
            database.redactedUrl(), result.schemaVersion());
      } else {
        out.printf(
            "Migrated %s to version %s (applied %s).%n",
            database.redactedUrl(),
            result.schemaVersion(),
            String.join(", ", result.appliedVersions()));
      }
    }
    out.flush();
    return 0;
  }
}
