package io.lambdaledger.billing;

/**
 * The current line of an export file, whatever the file format, by the index of the column in the
 * list the reader was given ({@link LineMapper#columns}). Values are valid until the next line.
 */
interface Row {

  /** The column's text, "" when empty or absent. */
  String text(int column);

  /** Sets {@code into} to the column's number, zero when empty or absent. */
  void decimal(int column, Amount into);

  /** The UTC day (days since 1970-01-01) of a timestamp column. */
  int epochDay(int column);
}
