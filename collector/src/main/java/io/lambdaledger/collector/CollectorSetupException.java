package io.lambdaledger.collector;

/**
 * The collector cannot start: the accounts it was given cannot be identified (STS unreachable,
 * credentials refused). The message names what failed, in one line.
 */
public final class CollectorSetupException extends RuntimeException {
  public CollectorSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
