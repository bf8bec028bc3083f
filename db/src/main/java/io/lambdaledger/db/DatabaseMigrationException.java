package io.lambdaledger.db;

/**
 * The schema could not be migrated (for example a script applied earlier was changed). The message
 * names the URL (never the password) and Flyway's reason.
 */
public final class DatabaseMigrationException extends RuntimeException {

  DatabaseMigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
