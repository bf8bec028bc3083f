package io.lambdaledger.db;

import java.util.List;

/**
 * What a migration did.
 *
 * @param appliedVersions versions applied by this run, oldest first; empty when the schema was
 *     already current
 * @param schemaVersion the schema version after the run
 */
public record MigrationResult(List<String> appliedVersions, String schemaVersion) {

  public MigrationResult {
    appliedVersions = List.copyOf(appliedVersions);
  }

  /** True when nothing had to be applied. */
  public boolean upToDate() {
    return appliedVersions.isEmpty();
  }
}
