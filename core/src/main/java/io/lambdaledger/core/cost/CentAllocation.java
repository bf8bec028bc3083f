package io.lambdaledger.core.cost;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Splits a cent amount among lines in proportion to integer weights, by the largest-remainder
 * (Hamilton) method: line {@code i} first gets {@code floor(amount x weight_i / total)} cents, then
 * the cents still missing go one each to the lines with the largest remainders (ties: the earlier
 * line). The parts always add up to the amount exactly.
 */
final class CentAllocation {

  private CentAllocation() {}

  /**
   * @param amountCents the amount to split, in cents (may be negative)
   * @param weights one non-negative weight per line
   * @param totalWeight the sum of the weights
   * @return one amount in cents per line, summing to {@code amountCents}
   */
  static long[] apportion(long amountCents, long[] weights, long totalWeight) {
    int n = weights.length;
    long[] cents = new long[n];
    if (n == 0) {
      return cents;
    }
    if (n == 1 || totalWeight == 0) {
      cents[0] = amountCents;
      return cents;
    }
    long amount = Math.abs(amountCents);
    long[] remainders = new long[n];
    long allocated = 0;
    for (int i = 0; i < n; i++) {
      long high = Math.multiplyHigh(amount, weights[i]);
      long product = amount * weights[i];
      if (high == 0 && product >= 0) {
        cents[i] = product / totalWeight;
        remainders[i] = product % totalWeight;
      } else {
        BigInteger[] division =
            BigInteger.valueOf(amount)
                .multiply(BigInteger.valueOf(weights[i]))
                .divideAndRemainder(BigInteger.valueOf(totalWeight));
        cents[i] = division[0].longValueExact();
        remainders[i] = division[1].longValueExact();
      }
      allocated += cents[i];
    }
    int missing = Math.toIntExact(amount - allocated);
    if (missing > 0) {
      giveOneCentToLargestRemainders(cents, remainders, missing);
    }
    if (amountCents < 0) {
      for (int i = 0; i < n; i++) {
        cents[i] = -cents[i];
      }
    }
    return cents;
  }

  /**
   * Adds a cent to the {@code missing} lines with the largest remainders; among equal remainders
   * the earlier lines come first.
   */
  private static void giveOneCentToLargestRemainders(long[] cents, long[] remainders, int missing) {
    long[] sorted = remainders.clone();
    Arrays.sort(sorted);
    long threshold = sorted[sorted.length - missing];
    int above = 0;
    for (long remainder : remainders) {
      if (remainder > threshold) {
        above++;
      }
    }
    int atThreshold = missing - above;
    for (int i = 0; i < cents.length; i++) {
      if (remainders[i] > threshold) {
        cents[i]++;
      } else if (remainders[i] == threshold && atThreshold > 0) {
        cents[i]++;
        atThreshold--;
      }
    }
  }
}
