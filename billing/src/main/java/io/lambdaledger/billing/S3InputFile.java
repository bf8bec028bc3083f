package io.lambdaledger.billing;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Parquet file read straight from S3 with ranged GETs, a window of {@link #WINDOW} bytes at a
 * time: the footer first, then the row groups in order. Nothing is staged on disk and at most one
 * window per open stream is in memory.
 */
final class S3InputFile implements InputFile {

  static final int WINDOW = 8 << 20;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final long length;

  S3InputFile(S3Client s3, String bucket, String key, long length) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.length = length;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() {
    return new Stream();
  }

  @Override
  public String toString() {
    return ExportUri.object(bucket, key);
  }

  private final class Stream extends SeekableInputStream {
    private long pos;
    private long windowStart = -1;
    private byte[] window = new byte[0];

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
      if (newPos < 0 || newPos > length) {
        throw new EOFException("seek to " + newPos + " outside " + length + " bytes");
      }
      pos = newPos;
    }

    private int available(long at) {
      if (at >= length) {
        return 0;
      }
      if (windowStart < 0 || at < windowStart || at >= windowStart + window.length) {
        long end = Math.min(length, at + WINDOW) - 1;
        window =
            s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=" + at + "-" + end))
                .asByteArray();
        windowStart = at;
      }
      return (int) (windowStart + window.length - at);
    }

    @Override
    public int read() {
      if (available(pos) <= 0) {
        return -1;
      }
      return window[(int) (pos++ - windowStart)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = Math.min(len, available(pos));
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(window, (int) (pos - windowStart), b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      int done = 0;
      while (done < len) {
        int n = read(bytes, start + done, len - done);
        if (n < 0) {
          throw new EOFException(S3InputFile.this + ": ends before " + (pos + len - done));
        }
        done += n;
      }
    }

    @Override
    public int read(ByteBuffer buf) {
      int n = Math.min(buf.remaining(), available(pos));
      if (n <= 0) {
        return buf.remaining() == 0 ? 0 : -1;
      }
      buf.put(window, (int) (pos - windowStart), n);
      pos += n;
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      while (buf.hasRemaining()) {
        if (read(buf) < 0) {
          throw new EOFException(S3InputFile.this + ": ends early");
        }
      }
    }
  }
}
