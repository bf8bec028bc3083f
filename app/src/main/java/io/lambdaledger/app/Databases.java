package io.lambdaledger.app;

import io.lambdaledger.app.config.LedgerConfig.DatabaseConfig;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseMigrationException;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.DatabaseUnavailableException;

/** Opens the configured database, turning its failures into one-line messages. */
final class Databases {
  private Databases() {}

  static DatabaseSettings settings(DatabaseConfig config) {
    String url = config.url();
    if (url.startsWith("jdbc:h2:file:") && !url.contains(";")) {
      url = url + DatabaseSettings.H2_FILE_OPTIONS;
    }
    return new DatabaseSettings(url, blankToNull(config.user()), blankToNull(config.password()));
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
