package io.lambdaledger.core.advice;

/** What a recommendation changes. */
public enum RecommendationKind {
  /** Move an x86_64 function to arm64. */
  ARM64("arm64"),
  /** Lower the memory size to what the function uses, with headroom. */
  MEMORY("memory"),
  /** Remove, reduce or add provisioned concurrency. */
  PROVISIONED_CONCURRENCY("provisionedConcurrency"),
  /** What failed invocations (errors, timeouts) cost. */
  FAILURES("failures");

  private final String key;

  RecommendationKind(String key) {
    this.key = key;
  }

  /** The name used in JSON, the CLI and the dashboard. */
  public String key() {
    return key;
  }

  /** Parses {@link #key()}; null when unknown. */
  public static RecommendationKind ofKey(String key) {
    for (RecommendationKind kind : values()) {
      if (kind.key.equals(key)) {
        return kind;
      }
    }
    return null;
  }
}
