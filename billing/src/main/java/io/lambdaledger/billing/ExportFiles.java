package io.lambdaledger.billing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads an export's data files, CSV+GZIP streamed or Parquet by ranges, line by line into the day
 * sums. Neither reader makes an object per line or per field: the CSV is scanned as bytes, the
 * Parquet file read column by column (only the columns the import needs), repeated texts are
 * decoded once and amounts summed as scaled longs.
 */
final class ExportFiles {

  private ExportFiles() {}

  /**
   * Reads one CSV+GZIP file from the stream, giving each Lambda line to {@code sink}.
   *
   * @return rows read (Lambda or not)
   */
  static long csvGzip(String object, InputStream raw, ExportTable table, DayAggregator sink)
      throws IOException {
    CsvScanner csv = new CsvScanner(new GZIPInputStream(raw, 1 << 16));
    Map<String, Integer> header = new HashMap<>();
    if (csv.next()) {
      for (int i = 0; i < csv.size(); i++) {
        header.putIfAbsent(
            new String(
                csv.buffer(), csv.start(i), csv.end(i) - csv.start(i), StandardCharsets.UTF_8),
            i);
      }
    }
    table.check(object, header.keySet());
    List<String> wanted = LineMapper.columns(table);
    int[] index = new int[wanted.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = header.getOrDefault(wanted.get(i), -1);
    }
    CsvRow row = new CsvRow(csv, index);
    LineMapper mapper = new LineMapper(table);
    long rows = 0;
    while (csv.next()) {
      rows++;
      MappedLine line = mapper.map(row);
      if (line != null) {
        sink.accept(line);
      }
    }
    return rows;
  }

  /** Reads one Parquet file; fails naming a required column the file lacks. */
  static long parquet(String object, InputFile file, ExportTable table, DayAggregator sink)
      throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(file)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Set<String> columns = new LinkedHashSet<>();
      for (Type field : schema.getFields()) {
        columns.add(field.getName());
      }
      table.check(object, columns);
      List<String> wanted = LineMapper.columns(table);
      List<Type> projected = new ArrayList<>();
      ParquetColumn[] byWanted = new ParquetColumn[wanted.size()];
      List<ParquetColumn> converters = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) {
        String name = wanted.get(i);
        if (!columns.contains(name)) {
          continue;
        }
        Type field = schema.getType(name);
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
          throw BillImportException.badInput(object + ": column " + name + " is not a plain value");
        }
        projected.add(field);
        byWanted[i] = new ParquetColumn(name, field.asPrimitiveType());
        converters.add(byWanted[i]);
      }
      MessageType projection = new MessageType(schema.getName(), projected);
      reader.setRequestedSchema(projection);
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      GroupConverter root =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return converters.get(fieldIndex);
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
          };
      List<ColumnDescriptor> descriptors = projection.getColumns();
      ParquetRow row = new ParquetRow(byWanted);
      LineMapper mapper = new LineMapper(table);
      long rows = 0;
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, root, projection, createdBy);
        ColumnReader[] readers = new ColumnReader[descriptors.size()];
        int[] maxLevel = new int[descriptors.size()];
        for (int c = 0; c < readers.length; c++) {
          readers[c] = store.getColumnReader(descriptors.get(c));
          maxLevel[c] = descriptors.get(c).getMaxDefinitionLevel();
        }
        long count = pages.getRowCount();
        for (long r = 0; r < count; r++) {
          for (int c = 0; c < readers.length; c++) {
            ColumnReader cr = readers[c];
            ParquetColumn column = converters.get(c);
            if (cr.getCurrentDefinitionLevel() == maxLevel[c]) {
              cr.writeCurrentValueToConverter();
            } else {
              column.setNull();
            }
            cr.consume();
          }
          rows++;
          MappedLine line = mapper.map(row);
          if (line != null) {
            sink.accept(line);
          }
        }
      }
      return rows;
    }
  }

  /**
   * The UTC day of a text timestamp ({@code 2026-10-01T00:00:00Z}, {@code 2026-10-01 ...} or a
   * plain date): its first ten characters.
   */
  static int epochDay(byte[] b, int from, int to) {
    if (to - from < 10 || b[from + 4] != '-' || b[from + 7] != '-') {
      throw new IllegalArgumentException(
          "not a date: '" + new String(b, from, to - from, StandardCharsets.UTF_8) + "'");
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    return (int) LocalDate.of(year, month, day).toEpochDay();
  }

  private static int digits(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException(
            "not a date: '" + new String(b, from, count, StandardCharsets.UTF_8) + "'");
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** The current CSV record, by the mapper's column index. */
  private static final class CsvRow implements Row {
    private final CsvScanner csv;
    private final int[] index;
    private final TextCache[] caches;
    private final byte[] lastDate = new byte[10];
    private int lastDay = Integer.MIN_VALUE;

    CsvRow(CsvScanner csv, int[] index) {
      this.csv = csv;
      this.index = index;
      this.caches = new TextCache[index.length];
      for (int i = 0; i < index.length; i++) {
        caches[i] = new TextCache();
      }
    }

    @Override
    public String text(int column) {
      return csv.text(index[column], caches[column]);
    }

    @Override
    public void decimal(int column, Amount into) {
      int i = index[column];
      if (i < 0 || i >= csv.size() || csv.start(i) == csv.end(i)) {
        into.setZero();
      } else {
        into.parse(csv.buffer(), csv.start(i), csv.end(i));
      }
    }

    @Override
    public int epochDay(int column) {
      int i = index[column];
      if (i < 0 || i >= csv.size()) {
        throw new IllegalArgumentException("not a date: ''");
      }
      byte[] b = csv.buffer();
      int from = csv.start(i);
      int to = csv.end(i);
      if (lastDay != Integer.MIN_VALUE
          && to - from >= 10
          && java.util.Arrays.equals(lastDate, 0, 10, b, from, from + 10)) {
        return lastDay;
      }
      lastDay = ExportFiles.epochDay(b, from, to);
      System.arraycopy(b, from, lastDate, 0, 10);
      return lastDay;
    }
  }

  /** The current Parquet row, by the mapper's column index. */
  private static final class ParquetRow implements Row {
    private final ParquetColumn[] columns;

    ParquetRow(ParquetColumn[] columns) {
      this.columns = columns;
    }

    @Override
    public String text(int column) {
      ParquetColumn c = columns[column];
      return c == null ? "" : c.text();
    }

    @Override
    public void decimal(int column, Amount into) {
      ParquetColumn c = columns[column];
      if (c == null) {
        into.setZero();
      } else {
        c.decimal(into);
      }
    }

    @Override
    public int epochDay(int column) {
      ParquetColumn c = columns[column];
      if (c == null) {
        throw new IllegalArgumentException("no date");
      }
      return c.epochDay();
    }
  }
}
