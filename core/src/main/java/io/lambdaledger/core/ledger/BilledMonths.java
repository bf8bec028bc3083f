package io.lambdaledger.core.ledger;

import io.lambdaledger.core.bill.BilledAmount;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the imported bill (AWS Data Exports) for reconciliation and for the billed source. */
public interface BilledMonths {

  /**
   * The month's billed amounts per function, day, charge kind and line type, over every account and
   * export; empty when no bill of the month is imported.
   */
  List<BilledAmount> amounts(YearMonth month);

  /** The first and the last usage day of a month's bill. */
  record Days(LocalDate first, LocalDate last) {}

  /** The first and last usage day the month's bill has lines of; empty when none is imported. */
  default Optional<Days> days(YearMonth month) {
    LocalDate first = null;
    LocalDate last = null;
    for (BilledAmount a : amounts(month)) {
      first = first == null || a.usageDate().isBefore(first) ? a.usageDate() : first;
      last = last == null || a.usageDate().isAfter(last) ? a.usageDate() : last;
    }
    return first == null ? Optional.empty() : Optional.of(new Days(first, last));
  }

  /**
   * The month's billed amounts of the usage days in {@code [from, to)}, summed over those days per
   * function (or none), account, region, charge kind and line type: one amount per function charge
   * rather than per day, for a report of the whole month. Each amount's {@code usageDate} is {@code
   * from}; its invoice id is the largest of its lines'.
   */
  default List<BilledAmount> summed(YearMonth month, LocalDate from, LocalDate to) {
    Map<ChargeKey, BilledAmount> sums = new LinkedHashMap<>();
    for (BilledAmount a : amounts(month)) {
      if (a.usageDate().isBefore(from) || !a.usageDate().isBefore(to)) {
        continue;
      }
      ChargeKey key =
          new ChargeKey(
              a.payerAccount(),
              a.usageAccount(),
              a.region(),
              a.functionArn(),
              a.chargeKind(),
              a.lineType());
      BilledAmount day =
          new BilledAmount(
              a.payerAccount(),
              a.usageAccount(),
              a.region(),
              a.functionArn(),
              from,
              a.chargeKind(),
              a.lineType(),
              a.usageAmount(),
              a.listCost(),
              a.billedCost(),
              a.netCost(),
              a.invoiceId());
      sums.merge(
          key,
          day,
          (x, y) ->
              new BilledAmount(
                  x.payerAccount(),
                  x.usageAccount(),
                  x.region(),
                  x.functionArn(),
                  from,
                  x.chargeKind(),
                  x.lineType(),
                  x.usageAmount().add(y.usageAmount()),
                  x.listCost().add(y.listCost()),
                  x.billedCost().add(y.billedCost()),
                  x.netCost().add(y.netCost()),
                  x.invoiceId() == null
                          || (y.invoiceId() != null && y.invoiceId().compareTo(x.invoiceId()) > 0)
                      ? y.invoiceId()
                      : x.invoiceId()));
    }
    return new ArrayList<>(sums.values());
  }
}
