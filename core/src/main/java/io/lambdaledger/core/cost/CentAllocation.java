package io.lambdaledger.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Splits a cent amount among lines in proportion to their exact shares, by the largest-remainder
 * method: every line gets its exact share rounded down to the cent, then the cents still missing go
 * one each to the lines with the largest remainders (ties: the earlier line). The parts always add
 * up to the amount.
 */
final class CentAllocation {

  private CentAllocation() {}

  /**
   * @param exact the lines' exact shares (roughly summing to {@code amount})
   * @param amount the cent amount to split (scale 2)
   * @return one cent amount (scale 2) per line, summing to {@code amount}
   */
  static BigDecimal[] allocate(BigDecimal[] exact, BigDecimal amount) {
    int n = exact.length;
    BigDecimal[] result = new BigDecimal[n];
    if (n == 1) {
      result[0] = amount.setScale(2, RoundingMode.UNNECESSARY);
      return result;
    }
    long[] cents = new long[n];
    BigDecimal[] remainders = new BigDecimal[n];
    long allocated = 0;
    for (int i = 0; i < n; i++) {
      BigDecimal inCents = exact[i].movePointRight(2);
      BigDecimal floor = inCents.setScale(0, RoundingMode.FLOOR);
      cents[i] = floor.longValueExact();
      remainders[i] = inCents.subtract(floor);
      allocated += cents[i];
    }
    long missing = amount.movePointRight(2).longValueExact() - allocated;
    if (missing != 0) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (a, b) -> {
            int byRemainder = remainders[b].compareTo(remainders[a]);
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
          });
      for (long k = 0; k < Math.abs(missing); k++) {
        int position = (int) (k % n);
        if (missing > 0) {
          cents[order[position]]++;
        } else {
          cents[order[n - 1 - position]]--;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      result[i] = BigDecimal.valueOf(cents[i], 2);
    }
    return result;
  }
}
