package io.lambdaledger.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits long lists so that statements stay within the databases' bind-value limits. */
final class Chunks {

  /** Rows per multi-row statement and names per IN list. */
  static final int SIZE = 500;

  /** Surrogate ids per IN list. */
  static final int IDS = 2_000;

  private Chunks() {}

  static <T> List<List<T>> of(Collection<T> items) {
    return of(items, SIZE);
  }

  static <T> List<List<T>> of(Collection<T> items, int size) {
    List<T> list = List.copyOf(items);
    List<List<T>> chunks = new ArrayList<>();
    for (int start = 0; start < list.size(); start += size) {
      chunks.add(list.subList(start, Math.min(list.size(), start + size)));
    }
    return chunks;
  }
}
