package io.lambdaledger.collector;

/** A collection stopped because its thread was interrupted (shutdown, cancelled cycle). */
public final class CollectionInterruptedException extends RuntimeException {
  public CollectionInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Waits for the thread that lists the inventory to end; if this one is interrupted meanwhile,
   * interrupts that thread too and stops.
   */
  static void joinListing(Thread listing) {
    try {
      listing.join();
    } catch (InterruptedException e) {
      listing.interrupt();
      Thread.currentThread().interrupt();
      throw new CollectionInterruptedException("interrupted while listing the inventory", e);
    }
  }
}
