package io.lambdaledger.core.costing;

import java.time.YearMonth;

/** No price book is in force for a month that has usage to price. */
public final class NoPriceBookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NoPriceBookException(YearMonth month) {
    super("no price book covers " + month);
  }
}
