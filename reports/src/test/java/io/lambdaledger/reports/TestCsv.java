package io.lambdaledger.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Writing rows with a report writer and reading the CSV back, for the tests. */
final class TestCsv {

  /** Opens a report writer on {@code out}: {@code FocusCsvWriter::new}, for one. */
  interface WriterFactory {
    RowWriter open(Writer out) throws IOException;
  }

  private static final CSVFormat WITH_HEADER =
      CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

  private TestCsv() {}

  /** The text the writer makes of {@code rows}. */
  static String write(WriterFactory factory, List<ReportRow> rows) throws IOException {
    StringWriter out = new StringWriter();
    RowWriter writer = factory.open(out);
    for (ReportRow row : rows) {
      writer.write(row);
    }
    writer.finish();
    return out.toString();
  }

  /** The records of a CSV file with a header line. */
  static List<CSVRecord> records(String csv) throws IOException {
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), WITH_HEADER)) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  /** The records of a CSV file with a header line, written as UTF-8 to {@code out}. */
  static List<CSVRecord> records(ByteArrayOutputStream out) throws IOException {
    return records(out.toString(StandardCharsets.UTF_8));
  }

  /** The column names of a CSV file's header line. */
  static List<String> header(String csv) throws IOException {
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), WITH_HEADER)) {
      return parser.getHeaderNames();
    }
  }

  /** The sum of one decimal column over all records. */
  static BigDecimal sum(List<CSVRecord> records, String column) {
    return sum(records, column, record -> true);
  }

  /** The sum of one decimal column over the records {@code which} accepts. */
  static BigDecimal sum(List<CSVRecord> records, String column, Predicate<CSVRecord> which) {
    return records.stream()
        .filter(which)
        .map(record -> new BigDecimal(record.get(column)))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
