package io.lambdaledger.db;

/**
 * What a rollup recomputation did.
 *
 * @param functions functions recomputed (known to the inventory)
 * @param hourRows hourly rows written
 * @param dayRows daily rows written
 * @param monthRows monthly rows written
 * @param samplesWithoutConfiguration samples skipped because their function has no recorded
 *     configuration (they cannot be priced)
 */
public record RollupResult(
    int functions, int hourRows, int dayRows, int monthRows, int samplesWithoutConfiguration) {

  RollupResult plus(RollupResult other) {
    return new RollupResult(
        functions + other.functions,
        hourRows + other.hourRows,
        dayRows + other.dayRows,
        monthRows + other.monthRows,
        samplesWithoutConfiguration + other.samplesWithoutConfiguration);
  }
}
