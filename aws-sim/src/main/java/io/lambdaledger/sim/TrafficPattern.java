package io.lambdaledger.sim;

/** The shape of a function's invocation rate over time. */
enum TrafficPattern {
  /** Never invoked: a real account has many of these. */
  IDLE,
  /** A constant mean rate. */
  STEADY,
  /** A daily sine wave (peak at a per-function hour), half the traffic at weekends. */
  DIURNAL,
  /** A low background rate with bursts of 3-20 minutes in about one hour out of five. */
  BURSTY
}
