package io.lambdaledger.db;

/** Bucket size of a usage time series. */
public enum Granularity {
  /** One bucket per UTC hour. */
  HOUR,
  /** One bucket per UTC day. */
  DAY
}
