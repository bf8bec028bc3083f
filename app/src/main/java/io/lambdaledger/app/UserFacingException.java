package io.lambdaledger.app;

/** A failure the user can act on (database unreachable, shard failed): one line, exit code 1. */
public final class UserFacingException extends RuntimeException {
  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }

  public UserFacingException(String message) {
    super(message);
  }
}
