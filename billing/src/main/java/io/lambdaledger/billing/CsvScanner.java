package io.lambdaledger.billing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads CSV records (RFC 4180, as AWS writes its exports: comma-separated, fields with a comma,
 * quote or line break in double quotes, a quote inside doubled) from a byte stream, a buffer at a
 * time, without an object per field: a record is a list of byte ranges in the buffer, valid until
 * the next call to {@link #next}. UTF-8 is decoded only for the fields asked for. Empty lines are
 * skipped; a leading UTF-8 byte order mark is dropped.
 */
final class CsvScanner {

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int limit;
  private boolean eof;
  private int p;
  private int recordStart;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int fields;
  private boolean first = true;

  CsvScanner(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the stream
   * @throws IOException from the stream, or for a quoted field the stream ends in
   */
  boolean next() throws IOException {
    while (true) {
      recordStart = p;
      fields = 0;
      if (p == limit && !fill()) {
        return false;
      }
      if (first) {
        first = false;
        while (limit - p < 3 && fill()) {
          // enough bytes to see a byte order mark
        }
        if (limit - p >= 3
            && buf[p] == (byte) 0xEF
            && buf[p + 1] == (byte) 0xBB
            && buf[p + 2] == (byte) 0xBF) {
          p += 3;
          recordStart = p;
        }
      }
      if (readRecord()) {
        return true;
      }
    }
  }

  /** Reads one record from p; false if it was an empty line. */
  private boolean readRecord() throws IOException {
    while (true) {
      if (p == limit && !fill()) {
        // the stream ended after a comma: one more empty field
        add(p, p);
        return true;
      }
      if (buf[p] == '"') {
        readQuoted();
      } else {
        int start = p;
        while (true) {
          if (p == limit) {
            int before = p;
            if (!fill()) {
              add(start - (before - p), p);
              return true;
            }
            start -= before - p;
            continue;
          }
          byte c = buf[p];
          if (c == ',' || c == '\n' || c == '\r') {
            break;
          }
          p++;
        }
        add(start, p);
      }
      // p is at a delimiter, a line end, or the stream's end
      if (p == limit && !fill()) {
        return true;
      }
      byte c = buf[p++];
      if (c == ',') {
        continue;
      }
      if (c == '\r') {
        if (p < limit || fill()) {
          if (buf[p] == '\n') {
            p++;
          }
        }
      }
      boolean emptyLine = fields == 1 && starts[0] == ends[0] && buf[recordStart] != '"';
      return !emptyLine;
    }
  }

  /** Reads a quoted field from p (at its opening quote), unescaping it in place. */
  private void readQuoted() throws IOException {
    int start = ++p;
    int w = start;
    while (true) {
      if (p == limit) {
        int before = p;
        if (!fill()) {
          throw new IOException("the file ends inside a quoted field");
        }
        int shift = before - p;
        start -= shift;
        w -= shift;
      }
      byte c = buf[p];
      if (c == '"') {
        if (p + 1 == limit) {
          int before = p;
          boolean more = fill();
          int shift = before - p;
          start -= shift;
          w -= shift;
          if (!more) {
            p++;
            break;
          }
        }
        if (buf[p + 1] == '"') {
          buf[w++] = '"';
          p += 2;
          continue;
        }
        p++;
        break;
      }
      buf[w++] = c;
      p++;
    }
    add(start, w);
    if (p < limit || fill()) {
      byte c = buf[p];
      if (c != ',' && c != '\n' && c != '\r') {
        throw new IOException("unexpected character after a quoted field: '" + (char) c + "'");
      }
    }
  }

  private void add(int start, int end) {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
    }
    starts[fields] = start;
    ends[fields] = end;
    fields++;
  }

  /**
   * Reads more of the stream, keeping the current record: moves it to the buffer's start (p and the
   * record's field offsets move with it; callers re-base their own offsets by the change in p) and
   * grows the buffer if the record fills it.
   *
   * @return false if the stream has ended (nothing moved)
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (recordStart > 0) {
      int shift = recordStart;
      System.arraycopy(buf, recordStart, buf, 0, limit - recordStart);
      limit -= shift;
      p -= shift;
      recordStart = 0;
      for (int i = 0; i < fields; i++) {
        starts[i] -= shift;
        ends[i] -= shift;
      }
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.readNBytes(buf, limit, buf.length - limit);
    if (n <= 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** Fields in the current record. */
  int size() {
    return fields;
  }

  byte[] buffer() {
    return buf;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  /** The field's text, "" if the record has no such field. */
  String text(int field, TextCache cache) {
    return field < 0 || field >= fields ? "" : cache.text(buf, starts[field], ends[field]);
  }
}
