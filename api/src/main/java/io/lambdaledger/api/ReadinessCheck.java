package io.lambdaledger.api;

/** Whether the service can answer requests: {@code /readyz} asks it (the database is reachable). */
@FunctionalInterface
public interface ReadinessCheck {
  /** True when ready; must return within a second or two and never throw. */
  boolean isReady();
}
