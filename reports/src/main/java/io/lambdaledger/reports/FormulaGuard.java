package io.lambdaledger.reports;

/**
 * Neutralises spreadsheet formula injection in text cells.
 *
 * <p>A spreadsheet treats a cell that begins with {@code =}, {@code +}, {@code -} or {@code @} as a
 * formula, and some also after a leading tab or carriage return. Function names and tag values are
 * user input, so every text cell of a report goes through {@link #text(String)}: such a cell gets a
 * leading apostrophe, which spreadsheets show as plain text. Numeric cells are written by the
 * report itself from {@code BigDecimal}s and are never passed here, so a negative amount stays a
 * number.
 */
final class FormulaGuard {

  private FormulaGuard() {}

  /** The cell as written: unchanged, or prefixed with {@code '} when it could start a formula. */
  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return startsFormula(value.charAt(0)) ? "'" + value : value;
  }

  static boolean startsFormula(char first) {
    return switch (first) {
      case '=', '+', '-', '@', '\t', '\r' -> true;
      default -> false;
    };
  }
}
