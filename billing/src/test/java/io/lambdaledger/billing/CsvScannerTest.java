package io.lambdaledger.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvScannerTest {

  /** Gives at most {@code chunk} bytes per read, so records cross the scanner's buffer. */
  private static InputStream trickle(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static List<List<String>> scan(InputStream in) throws IOException {
    CsvScanner csv = new CsvScanner(in);
    TextCache cache = new TextCache();
    List<List<String>> records = new ArrayList<>();
    while (csv.next()) {
      List<String> r = new ArrayList<>();
      for (int i = 0; i < csv.size(); i++) {
        r.add(csv.text(i, cache));
      }
      records.add(r);
    }
    return records;
  }

  private static List<List<String>> commonsCsv(String text) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (CSVParser p = CSVFormat.DEFAULT.parse(new java.io.StringReader(text))) {
      for (CSVRecord r : p) {
        records.add(r.toList());
      }
    }
    return records;
  }

  @Test
  void readsAwsQuotingAsCommonsCsvDoes() throws IOException {
    String text =
        "\uFEFFa,b,c\r\n"
            + "1,\"two, with a comma\",3\n"
            + "\"say \"\"hi\"\"\",,\"line\nbreak\"\n"
            + "\n"
            + "\"\",x,\n"
            + "ünïcode,€ 0.20 per 1M requests,last";
    List<List<String>> expected = commonsCsv(text.substring(1));
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 2, 3, 7, 1 << 20}) {
      assertThat(scan(trickle(bytes, chunk))).as("chunk %d", chunk).isEqualTo(expected);
    }
    assertThat(expected).hasSize(5);
  }

  @Test
  void aRecordLongerThanTheBufferIsReadWhole() throws IOException {
    String longField = "x".repeat(300_000);
    String text = "a,b\n" + longField + ",\"" + longField + "\"\"\"\nend,1\n";
    List<List<String>> records = scan(trickle(text.getBytes(StandardCharsets.UTF_8), 4096));
    assertThat(records).isEqualTo(commonsCsv(text));
  }

  @Test
  void aFileEndingInsideQuotesIsAnError() {
    byte[] bytes = "a,b\n1,\"never closed\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> scan(new ByteArrayInputStream(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("quoted field");
  }
}
