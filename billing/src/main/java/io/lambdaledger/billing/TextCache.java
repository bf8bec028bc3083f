package io.lambdaledger.billing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a column's bytes into a String, handing back the same String for the same bytes while they
 * repeat: an export repeats its account, region, ARN and usage type on many lines. Direct-mapped (a
 * slot per hash, the newest value wins), so its size is fixed whatever the file holds.
 */
final class TextCache {

  private static final int SLOTS = 1 << 12;

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];
  private byte[] last;
  private String lastValue;

  String text(byte[] b, int from, int to) {
    if (from == to) {
      return "";
    }
    if (last != null && Arrays.equals(last, 0, last.length, b, from, to)) {
      return lastValue;
    }
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key == null || !Arrays.equals(key, 0, key.length, b, from, to)) {
      key = Arrays.copyOfRange(b, from, to);
      keys[slot] = key;
      values[slot] = new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    last = key;
    lastValue = values[slot];
    return lastValue;
  }
}
