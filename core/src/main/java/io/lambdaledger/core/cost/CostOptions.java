package io.lambdaledger.core.cost;

/**
 * How to price.
 *
 * @param freeTier apply the monthly free tier; turn off to price a payer whose free tier is already
 *     used elsewhere (and to reproduce AWS examples that ignore it)
 */
public record CostOptions(boolean freeTier) {

  /** With the free tier: how AWS bills by default. */
  public static final CostOptions DEFAULT = new CostOptions(true);

  public static final CostOptions WITHOUT_FREE_TIER = new CostOptions(false);
}
