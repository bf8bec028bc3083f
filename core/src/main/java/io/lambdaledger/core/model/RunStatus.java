package io.lambdaledger.core.model;

/** State of a collection run. */
public enum RunStatus {
  /** Started, not finished yet. */
  RUNNING,
  /** Every step of the shard's cycle completed. */
  SUCCEEDED,
  /** The cycle stopped with an error (recorded with the run). */
  FAILED,
  /** The process running it went away before it finished. */
  ABANDONED
}
