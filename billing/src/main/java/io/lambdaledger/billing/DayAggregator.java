package io.lambdaledger.billing;

import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.db.BillStore;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums one file's lines that share function, day, charge kind, line type, usage type, accounts and
 * invoice (an hourly export's 24 lines of a day become one), and hands the sums to the store. At
 * most {@link #MAX_KEYS} sums are held; past that they are written out and summing starts afresh,
 * so memory stays bounded whatever the file's size or order. A line is looked up with one reused
 * key, so only a new sum allocates.
 */
final class DayAggregator {

  static final int MAX_KEYS = 100_000;

  private static final class Key extends LineKey {
    int hash;

    Key set(LineKey l) {
      setKey(l);
      hash = keyHash();
      return this;
    }

    Key copy() {
      Key k = new Key();
      k.setKey(this);
      k.hash = hash;
      return k;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && sameKey(k);
    }
  }

  private static final class Sums {
    final Amount usage = new Amount();
    final Amount list = new Amount();
    final Amount billed = new Amount();
    final Amount net = new Amount();
  }

  private final BillStore.LineSink sink;
  private final int fileNo;
  private final Map<Key, Sums> sums = new LinkedHashMap<>(MAX_KEYS * 4 / 3 + 1);
  private final Key probe = new Key();
  private long lineNo;
  long lines;

  DayAggregator(BillStore.LineSink sink, int fileNo) {
    this.sink = sink;
    this.fileNo = fileNo;
  }

  void accept(MappedLine l) {
    lines++;
    Sums s = sums.get(probe.set(l));
    if (s == null) {
      s = new Sums();
      s.usage.set(l.usage);
      s.list.set(l.list);
      s.billed.set(l.billed);
      s.net.set(l.net);
      sums.put(probe.copy(), s);
      if (sums.size() >= MAX_KEYS) {
        flush();
      }
      return;
    }
    s.usage.add(l.usage);
    s.list.add(l.list);
    s.billed.add(l.billed);
    s.net.add(l.net);
  }

  void flush() {
    LocalDate day = null;
    for (Map.Entry<Key, Sums> e : sums.entrySet()) {
      Key k = e.getKey();
      Sums s = e.getValue();
      if (day == null || day.toEpochDay() != k.epochDay) {
        day = LocalDate.ofEpochDay(k.epochDay);
      }
      sink.add(
          fileNo,
          ++lineNo,
          new BillLine(
              k.payer,
              k.account,
              k.region,
              k.function,
              day,
              k.kind,
              k.type,
              k.usageType,
              s.usage.toBigDecimal(),
              s.list.toBigDecimal(),
              s.billed.toBigDecimal(),
              s.net.toBigDecimal(),
              k.invoice));
    }
    sums.clear();
  }
}
