package io.lambdaledger.app;

import io.lambdaledger.app.config.LedgerConfig.DatabaseConfig;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseMigrationException;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.DatabaseUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the configured database, turning its failures into one-line messages. */
final class Databases {
  private static final String H2_FILE = "jdbc:h2:file:";

  private Databases() {}

  static DatabaseSettings settings(DatabaseConfig config) {
    String url = config.url();
    if (url.startsWith("jdbc:h2:file:") && !url.contains(";")) {
      url = url + DatabaseSettings.H2_FILE_OPTIONS;
    }
    return new DatabaseSettings(url, blankToNull(config.user()), blankToNull(config.password()));
  }

  /**
   * For a command that only reads: refuses an embedded H2 file database that does not exist yet,
   * instead of letting H2 create an empty one (and its directory). Other databases pass.
   *
   * @param consequence what the missing database means, e.g. "nothing to report"
   */
  static void requireExisting(DatabaseConfig config, String consequence) {
    String url = config.url();
    if (!url.startsWith(H2_FILE)) {
      return;
    }
    String path = url.substring(H2_FILE.length());
    int options = path.indexOf(';');
    path = options < 0 ? path : path.substring(0, options);
    if (path.startsWith("~/")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    if (!Files.exists(Path.of(path + ".mv.db"))) {
      throw new UserFacingException(
          "no database at "
              + path
              + ".mv.db ("
              + consequence
              + "): run collect, serve or demo first, or set LEDGER_DB_URL");
    }
  }

  static Database open(DatabaseConfig config) {
    DatabaseSettings settings = settings(config);
    try {
      return Database.open(settings);
    } catch (DatabaseUnavailableException | DatabaseMigrationException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
