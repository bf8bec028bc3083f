package io.lambdaledger.reports;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The one CSV dialect of every report: RFC 4180 (comma, double quotes, CRLF), UTF-8 by caller. */
final class Csv {

  private static final CSVFormat RFC_4180 = CSVFormat.RFC4180.builder().get();

  private Csv() {}

  /** A printer that has written the header row; header names go through {@link FormulaGuard}. */
  static CSVPrinter printer(Writer out, Iterable<String> header) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, RFC_4180);
    for (String name : header) {
      printer.print(FormulaGuard.text(name));
    }
    printer.println();
    return printer;
  }
}
