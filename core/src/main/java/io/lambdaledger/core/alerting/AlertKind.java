package io.lambdaledger.core.alerting;

/** What raised an alert. */
public enum AlertKind {
  /** The month's forecast crossed a budget. */
  BUDGET,
  /** A function's daily (or hourly) cost jumped far above its own baseline. */
  ANOMALY;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
