package io.lambdaledger.api.costs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for an answer that one caller computes and others share, as both caches do. */
final class SharedTask {

  private SharedTask() {}

  /**
   * The task's answer, or its failure thrown as it was thrown (after {@code forget}, so that the
   * next caller computes again).
   *
   * @param what what is waited for, for the message when the wait is interrupted
   */
  static <V> V await(Future<V> task, Runnable forget, String what) {
    try {
      return task.get();
    } catch (ExecutionException e) {
      forget.run();
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }
}
