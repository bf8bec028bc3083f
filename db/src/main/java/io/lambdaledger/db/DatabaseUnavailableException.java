package io.lambdaledger.db;

/**
 * The database cannot be reached or logged into. The message names the URL (never the password) and
 * the reason, so that callers can print it as one line.
 */
public final class DatabaseUnavailableException extends RuntimeException {

  DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
