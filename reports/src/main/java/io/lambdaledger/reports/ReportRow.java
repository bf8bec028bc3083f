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
 * @param origin where the row's figures come from (the estimate or the imported bill) and which
 *     days they cover; the whole month estimated when null is given
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
    String historyProvenance,
    RowOrigin origin) {

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
    origin = origin == null ? RowOrigin.estimated(month) : origin;
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
    return withNotes(all, origin);
  }

  /** The same row with other notes and origin. */
  private ReportRow withNotes(List<String> notes, RowOrigin origin) {
    return withFigures(
        requests,
        gbSeconds,
        charges,
        freeTierCredit,
        totalCost,
        notes,
        origin,
        priced,
        historyProvenance);
  }

  /**
   * The same row with other figures, notes and origin (a part of the month), priced or not and with
   * the given history provenance.
   */
  ReportRow withFigures(
      long requests,
      BigDecimal gbSeconds,
      List<ChargeLine> charges,
      BigDecimal freeTierCredit,
      BigDecimal totalCost,
      List<String> notes,
      RowOrigin origin,
      boolean priced,
      String historyProvenance) {
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
        notes,
        priced,
        historyProvenance,
        origin);
  }

  /**
   * This estimated row less {@code earlier}, the same configuration's estimate over part of the
   * month (null: nothing), charge by charge; the charges that no longer apply are left out.
   */
  ReportRow minus(ReportRow earlier, List<String> notes, RowOrigin origin) {
    if (earlier == null) {
      return withNotes(notes, origin);
    }
    List<ChargeLine> remaining = new java.util.ArrayList<>(charges.size());
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (ChargeLine charge : charges) {
      ChargeLine left = charge.minus(earlier.charge(charge.kind()));
      boolean always = charge.kind() == ChargeKind.REQUESTS || charge.kind() == ChargeKind.DURATION;
      if (always || left.quantity().signum() != 0 || left.cost().signum() != 0) {
        remaining.add(left);
        total = total.add(left.cost());
      }
    }
    return withFigures(
        requests - earlier.requests,
        gbSeconds.subtract(earlier.gbSeconds),
        remaining,
        freeTierCredit.subtract(earlier.freeTierCredit),
        priced ? total : totalCost,
        notes,
        origin,
        priced,
        historyProvenance);
  }

  /** The charge of one kind, null when it does not apply. */
  ChargeLine charge(ChargeKind kind) {
    for (ChargeLine charge : charges) {
      if (charge.kind() == kind) {
        return charge;
      }
    }
    return null;
  }

  /** Whether the row has neither usage nor cost (an estimate the bill took all of). */
  boolean isEmpty() {
    if (requests != 0 || gbSeconds.signum() != 0 || totalCost.signum() != 0) {
      return false;
    }
    for (ChargeLine charge : charges) {
      if (charge.quantity().signum() != 0 || charge.cost().signum() != 0) {
        return false;
      }
    }
    return true;
  }
}
