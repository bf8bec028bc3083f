package io.lambdaledger.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** RFC 4180 quoting and gzip-compressed files for the simulator's CSV exports. */
final class Csv {

  private Csv() {}

  /** A gzip-compressed CSV file: the header {@code columns}, then one line per row, quoted. */
  static byte[] gzip(List<String> columns, Iterator<List<String>> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer out =
        new OutputStreamWriter(new GZIPOutputStream(bytes, 1 << 16), StandardCharsets.UTF_8)) {
      out.write(String.join(",", columns));
      out.write('\n');
      while (rows.hasNext()) {
        List<String> values = rows.next();
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          out.write(quote(values.get(i)));
        }
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String quote(String value) {
    if (value == null) {
      return "";
    }
    boolean needs =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
