package io.lambdaledger.sim;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Calendar-month boundaries (UTC) as epoch seconds, looked up without allocating. */
final class Months {

  private static final int FIRST_YEAR = 1970;
  private static final long[] STARTS = monthStarts(FIRST_YEAR, 2200);

  private Months() {}

  /** Index of the month that contains the instant (0 = January 1970). */
  static int indexOf(long epochSecond) {
    int i = Arrays.binarySearch(STARTS, epochSecond);
    return i >= 0 ? i : -i - 2;
  }

  /** Start of the month with the given index, in epoch seconds. */
  static long start(int index) {
    return STARTS[index];
  }

  private static long[] monthStarts(int fromYear, int toYear) {
    long[] starts = new long[(toYear - fromYear) * 12];
    LocalDate month = LocalDate.of(fromYear, 1, 1);
    for (int i = 0; i < starts.length; i++) {
      starts[i] = month.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      month = month.plusMonths(1);
    }
    return starts;
  }
}
