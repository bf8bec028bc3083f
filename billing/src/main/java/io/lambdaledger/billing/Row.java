package io.lambdaledger.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One line of an export file, by column name, whatever the file format. */
interface Row {

  /** The column's text, "" when empty or absent. */
  String text(String column);

  /** The column's number, zero when empty or absent. */
  BigDecimal decimal(String column);

  /** The UTC date of a timestamp column. */
  LocalDate date(String column);
}
