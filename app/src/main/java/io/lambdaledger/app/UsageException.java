package io.lambdaledger.app;

/** Bad input from the user (a flag, a value, a file): printed as one line, exit code 2. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
