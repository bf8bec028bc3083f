package io.lambdaledger.collector;

/** A collection stopped because its thread was interrupted (shutdown, cancelled cycle). */
public final class CollectionInterruptedException extends RuntimeException {
  public CollectionInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
