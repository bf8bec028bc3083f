package io.lambdaledger.reports;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one function cost in one month under one configuration: the unit both writers turn into CSV.
 * A function whose memory or architecture changed in the month has one row per configuration, and
 * each of those rows says so in {@link #notes()}.
 *
 * @param charges the charges that apply, in {@link ChargeKind} order, at most one per kind
 * @param totalCost the sum of the charges' costs, in cents
 * @param freeTierCredit the free tier allocated to this row, in cents
 * @param tags the function's tags, sorted by key
 * @param priced false when the row's region has no prices: it shows usage and no cost (its charges
 *     are empty and its costs zero, which the writers print as empty cells)
 * @param historyProvenance the weakest provenance of the history that priced the function in the
 *     month (OBSERVED, CLOUDTRAIL, INFERRED or UNKNOWN), null when none is recorded
 */
record ReportRow(
    YearMonth month,
    String payerAccountId,
    String payerAccountName,
    String accountId,
    String accountName,
    String region,
    String functionName,
    String functionArn,
    String architecture,
    int memoryMb,
    int ephemeralStorageMb,
    long requests,
    BigDecimal gbSeconds,
    List<ChargeLine> charges,
    BigDecimal freeTierCredit,
    BigDecimal totalCost,
    String currency,
    String priceVersion,
    SortedMap<String, String> tags,
    List<String> notes,
    boolean priced,
    String historyProvenance) {

  /** A priced row without recorded history provenance. */
  ReportRow(
      YearMonth month,
      String payerAccountId,
      String payerAccountName,
      String accountId,
      String accountName,
      String region,
      String functionName,
      String functionArn,
      String architecture,
      int memoryMb,
      int ephemeralStorageMb,
      long requests,
      BigDecimal gbSeconds,
      List<ChargeLine> charges,
      BigDecimal freeTierCredit,
      BigDecimal totalCost,
      String currency,
      String priceVersion,
      SortedMap<String, String> tags,
      List<String> notes) {
    this(
        month,
        payerAccountId,
        payerAccountName,
        accountId,
        accountName,
        region,
        functionName,
        functionArn,
        architecture,
        memoryMb,
        ephemeralStorageMb,
        requests,
        gbSeconds,
        charges,
        freeTierCredit,
        totalCost,
        currency,
        priceVersion,
        tags,
        notes,
        true,
        null);
  }

  ReportRow {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(payerAccountId, "payerAccountId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(gbSeconds, "gbSeconds");
    Objects.requireNonNull(freeTierCredit, "freeTierCredit");
    Objects.requireNonNull(totalCost, "totalCost");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(priceVersion, "priceVersion");
    charges = List.copyOf(charges);
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    notes = List.copyOf(notes);
  }

  /** The cost of one kind of charge, zero when it does not apply. */
  BigDecimal cost(ChargeKind kind) {
    for (ChargeLine charge : charges) {
      if (charge.kind() == kind) {
        return charge.cost();
      }
    }
    return BigDecimal.ZERO;
  }

  /** The same row with {@code note} before its other notes. */
  ReportRow withFirstNote(String note) {
    List<String> all = new java.util.ArrayList<>(notes.size() + 1);
    all.add(note);
    all.addAll(notes);
    return new ReportRow(
        month,
        payerAccountId,
        payerAccountName,
        accountId,
        accountName,
        region,
        functionName,
        functionArn,
        architecture,
        memoryMb,
        ephemeralStorageMb,
        requests,
        gbSeconds,
        charges,
        freeTierCredit,
        totalCost,
        currency,
        priceVersion,
        tags,
        all,
        priced,
        historyProvenance);
  }
}
