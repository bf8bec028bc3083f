package io.lambdaledger.billing;

import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.db.BillStore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sums one file's lines that share function, day, charge kind, line type, usage type, accounts and
 * invoice (an hourly export's 24 lines of a day become one), and hands the sums to the store. At
 * most {@link #MAX_KEYS} sums are held; past that they are written out and summing starts afresh,
 * so memory stays bounded whatever the file's size or order.
 */
final class DayAggregator implements Consumer<BillLine> {

  static final int MAX_KEYS = 100_000;

  private record Key(
      String payer,
      String account,
      String region,
      String function,
      LocalDate date,
      ChargeKind kind,
      LineType type,
      String usageType,
      String invoiceId) {}

  private static final class Sums {
    BigDecimal usage = BigDecimal.ZERO;
    BigDecimal list = BigDecimal.ZERO;
    BigDecimal billed = BigDecimal.ZERO;
    BigDecimal net = BigDecimal.ZERO;
  }

  private final BillStore.LineSink sink;
  private final int fileNo;
  private final Map<Key, Sums> sums = new LinkedHashMap<>();
  private long lineNo;
  long lines;

  DayAggregator(BillStore.LineSink sink, int fileNo) {
    this.sink = sink;
    this.fileNo = fileNo;
  }

  @Override
  public void accept(BillLine l) {
    lines++;
    Key key =
        new Key(
            l.payerAccount(),
            l.usageAccount(),
            l.region(),
            l.functionArn(),
            l.usageDate(),
            l.chargeKind(),
            l.lineType(),
            l.usageType(),
            l.invoiceId());
    Sums s = sums.computeIfAbsent(key, k -> new Sums());
    s.usage = s.usage.add(l.usageAmount());
    s.list = s.list.add(l.listCost());
    s.billed = s.billed.add(l.billedCost());
    s.net = s.net.add(l.netCost());
    if (sums.size() >= MAX_KEYS) {
      flush();
    }
  }

  void flush() {
    for (Map.Entry<Key, Sums> e : sums.entrySet()) {
      Key k = e.getKey();
      Sums s = e.getValue();
      sink.add(
          fileNo,
          ++lineNo,
          new BillLine(
              k.payer(),
              k.account(),
              k.region(),
              k.function(),
              k.date(),
              k.kind(),
              k.type(),
              k.usageType(),
              s.usage,
              s.list,
              s.billed,
              s.net,
              k.invoiceId()));
    }
    sums.clear();
  }
}
