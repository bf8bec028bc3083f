package io.lambdaledger.reports;

import io.lambdaledger.core.model.CollectedWindow;
import java.time.Instant;
import java.util.List;

/**
 * What collection runs completed: a month is final only if, for every account and region collected
 * in it, the runs' windows cover every day of it.
 */
@FunctionalInterface
public interface CollectionCoverage {

  /** Windows of the succeeded runs that overlap {@code [from, to)}. */
  List<CollectedWindow> collectedWindows(Instant from, Instant to);

  /** No record of runs: coverage is not checked. */
  static CollectionCoverage none() {
    return (from, to) -> List.of();
  }
}
