package io.lambdaledger.api.operations;

import java.time.Instant;

/** Starts a collection cycle now ({@code POST /api/v1/collections}, admin only). */
@FunctionalInterface
public interface CollectionTrigger {

  /** Starts a cycle in the background and returns at once; never blocks on the cycle. */
  CollectionStarted start();

  /**
   * What {@link #start()} did: {@code started} false when a cycle was already running (then {@code
   * id} names the running one, if known).
   */
  record CollectionStarted(boolean started, String id, Instant at, String message) {}
}
