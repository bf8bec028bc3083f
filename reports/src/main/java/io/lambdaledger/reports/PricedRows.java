package io.lambdaledger.reports;

import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.LineUsage;
import io.lambdaledger.core.cost.Money;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.costing.BillCover;
import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.ledger.MonthUsage;
import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.RegionRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Prices a month through the costing home ({@link MonthPricing}) and turns the priced lines of the
 * accounts in scope into report rows, handed over one at a time in report order.
 *
 * <p>The lines given must cover every account of the payers concerned, not only the accounts in
 * scope, so the free tier and volume tiers are allocated exactly as in a full report (and as the
 * API does). What is held in memory is the engine's input and result; rows are built and written
 * one by one.
 */
final class PricedRows {

  private final MonthPricing pricing;

  PricedRows(PriceBooks priceBooks) {
    this.pricing = new MonthPricing(priceBooks);
  }

  /**
   * The month's rows, with its imported bill: a function the bill has gets a row from the bill for
   * the days it covers, and each configuration a row estimated for the rest of the month (left out
   * when the bill covers all of its usage).
   *
   * @param lines the month's lines in report order (account, region, function, first use)
   * @param accounts every known account, by id (names, payers)
   * @param tags current tags by function id
   */
  void rows(
      YearMonth month,
      List<MonthUsage.Line> lines,
      AccountScope scope,
      Map<String, Account> accounts,
      Map<Long, SortedMap<String, String>> tags,
      HistoryCaveats caveats,
      MonthBill bill,
      RowSource.Sink sink)
      throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    List<UsageLine> input = new ArrayList<>(lines.size());
    for (MonthUsage.Line line : lines) {
      input.add(line.usage());
    }
    MonthPricing.PricedLines priced = pricing.priceLinesOrLeaveUnpriced(month, input);
    RowBuilder builder = new RowBuilder(month, priced.report(), priced.book(), caveats);
    BillSplit split = bill.isEmpty() ? null : new BillSplit(month, bill, builder);
    int start = 0;
    while (start < lines.size()) {
      int end = start + 1;
      while (end < lines.size() && lines.get(end).key().equals(lines.get(start).key())) {
        end++;
      }
      MonthUsage.Line first = lines.get(start);
      if (scope.includes(first.usage().account())) {
        List<ReportRow> estimated = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
          MonthUsage.Line line = lines.get(i);
          List<String> notes = new ArrayList<>(2);
          if (end - start > 1) {
            notes.add(configurationNote(line, i - start, end - start));
          }
          estimated.add(
              builder.row(
                  line,
                  priced.costs().get(i),
                  accounts,
                  tags.getOrDefault(line.functionId(), new TreeMap<>()),
                  notes));
        }
        if (split == null) {
          for (ReportRow row : estimated) {
            sink.accept(row);
          }
        } else {
          split.rows(first.key(), estimated, sink);
        }
      }
      start = end;
    }
  }

  private static String configurationNote(MonthUsage.Line line, int position, int count) {
    UsageLine usage = line.usage();
    String storage =
        usage.ephemeralStorageMb() > UsageLine.FREE_EPHEMERAL_STORAGE_MB
            ? ", " + usage.ephemeralStorageMb() + " MB ephemeral storage"
            : "";
    return "configuration changed during the month: row "
        + (position + 1)
        + " of "
        + count
        + ", "
        + usage.architecture()
        + " "
        + usage.memoryMb()
        + " MB"
        + storage
        + ", used from "
        + line.firstDay().atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The history caveats of the month's lines in scope (notes and provenance per row). */
  HistoryCaveats caveats(YearMonth month, HistoryEvidence evidence, AccountScope scope) {
    return pricing.caveats(month, evidence, scope);
  }

  static BigDecimal cents(BigDecimal amount) {
    return Money.cents(amount);
  }

  /**
   * A function's rows when the month has an imported bill: one from the bill for the days it
   * covers, then each configuration's estimate less its estimate of those days.
   */
  private final class BillSplit {
    private final MonthBill bill;
    private final PriceBook book;
    private final Map<Configuration, ReportRow> toStart;
    private final Map<Configuration, ReportRow> toEnd;
    private final RowOrigin billedOrigin;
    private final RowOrigin estimatedOrigin;
    private final String billedNote;
    private final String estimatedNote;

    BillSplit(YearMonth month, MonthBill bill, RowBuilder builder) {
      this.bill = bill;
      this.book = builder.book;
      this.toStart = estimate(month, bill.usageToStart(), builder.caveats);
      this.toEnd = estimate(month, bill.usageToEnd(), builder.caveats);
      BillCover.Part billed = bill.billed();
      this.billedOrigin = new RowOrigin(billed.source(), billed.start(), billed.end());
      List<BillCover.Part> rest = bill.estimated();
      this.estimatedOrigin =
          rest.size() == 1
              ? new RowOrigin(rest.get(0).source(), rest.get(0).start(), rest.get(0).end())
              : RowOrigin.estimated(month);
      this.billedNote = "from the AWS bill: " + days(billed.start(), billed.end());
      StringBuilder note = new StringBuilder("estimated from CloudWatch metrics: ");
      for (int i = 0; i < rest.size(); i++) {
        note.append(i == 0 ? "" : " and ").append(days(rest.get(i).start(), rest.get(i).end()));
      }
      this.estimatedNote =
          note.append(" (the imported bill covers ")
              .append(days(billed.start(), billed.end()))
              .append(")")
              .toString();
    }

    /** The estimate of each configuration from the month's start to some instant, unnoted. */
    private Map<Configuration, ReportRow> estimate(
        YearMonth month, List<UsageLine> usage, HistoryCaveats caveats) {
      Map<Configuration, ReportRow> rows = new HashMap<>();
      if (usage.isEmpty()) {
        return rows;
      }
      MonthPricing.PricedLines priced = pricing.priceLinesOrLeaveUnpriced(month, usage);
      RowBuilder partial = new RowBuilder(month, priced.report(), priced.book(), caveats);
      for (int i = 0; i < usage.size(); i++) {
        UsageLine line = usage.get(i);
        rows.put(
            Configuration.of(line),
            partial.row(
                new MonthUsage.Line(line, 0, null, RowOrigin.monthStart(month), null),
                priced.costs().get(i),
                Map.of(),
                new TreeMap<>(),
                new ArrayList<>()));
      }
      return rows;
    }

    void rows(FunctionKey function, List<ReportRow> estimated, RowSource.Sink sink)
        throws IOException {
      Map<ChargeKind, MonthBill.Charge> billed = bill.charges(function);
      if (!billed.isEmpty()) {
        sink.accept(billedRow(estimated.get(0), billed));
      }
      for (ReportRow row : estimated) {
        Configuration key = Configuration.of(row);
        ReportRow end = toEnd.get(key);
        ReportRow covered = end == null ? null : end.minus(toStart.get(key), List.of(), null);
        List<String> notes = new ArrayList<>(row.notes());
        notes.add(estimatedNote);
        ReportRow rest = row.minus(covered, notes, estimatedOrigin);
        if (!rest.isEmpty()) {
          sink.accept(rest);
        }
      }
    }

    /** The function's row from the bill, described as its first configuration's row. */
    private ReportRow billedRow(ReportRow first, Map<ChargeKind, MonthBill.Charge> byKind) {
      Architecture architecture = Architecture.parse(first.architecture());
      RegionRates rates =
          book.hasRegion(first.region()) ? book.rates(first.region(), architecture) : null;
      List<ChargeLine> charges = new ArrayList<>(5);
      BigDecimal total = BigDecimal.ZERO.setScale(2);
      BigDecimal credit = BigDecimal.ZERO.setScale(2);
      for (ChargeKind kind : ChargeKind.values()) {
        MonthBill.Charge billed = byKind.get(kind);
        boolean always = kind == ChargeKind.REQUESTS || kind == ChargeKind.DURATION;
        if (billed == null && !always) {
          continue;
        }
        ChargeLine charge = charge(kind, billed, rates);
        charges.add(charge);
        total = total.add(charge.cost());
        credit = credit.add(charge.freeTierCredit());
      }
      MonthBill.Charge requests = byKind.get(ChargeKind.REQUESTS);
      MonthBill.Charge duration = byKind.get(ChargeKind.DURATION);
      List<String> notes = new ArrayList<>();
      for (String note : first.notes()) {
        if (note.startsWith("function deleted")) {
          notes.add(note);
        }
      }
      notes.add(billedNote);
      // Priced, and no history provenance: the history is the estimate's.
      return first.withFigures(
          requests == null
              ? 0
              : requests.quantity().setScale(0, RoundingMode.HALF_UP).longValueExact(),
          duration == null ? BigDecimal.ZERO : duration.quantity(),
          charges,
          credit,
          total,
          notes,
          billedOrigin,
          true,
          null);
    }

    private static String days(java.time.Instant start, java.time.Instant end) {
      return start.atOffset(ZoneOffset.UTC).toLocalDate()
          + " to "
          + end.minusSeconds(1).atOffset(ZoneOffset.UTC).toLocalDate();
    }
  }

  /** A configuration of a function and its payer: what an estimate to date is matched by. */
  private record Configuration(
      String payer,
      String account,
      String region,
      String function,
      String architecture,
      int memoryMb,
      int ephemeralStorageMb) {

    static Configuration of(UsageLine line) {
      return new Configuration(
          line.payer(),
          line.account(),
          line.region(),
          line.function(),
          line.architecture().toString(),
          line.memoryMb(),
          line.ephemeralStorageMb());
    }

    static Configuration of(ReportRow row) {
      return new Configuration(
          row.payerAccountId(),
          row.accountId(),
          row.region(),
          row.functionName(),
          row.architecture(),
          row.memoryMb(),
          row.ephemeralStorageMb());
    }
  }

  /**
   * A charge at the bill's amounts (zero when the bill has none of it); its list price is the price
   * book's first-tier rate, so that ListCost stays ListUnitPrice x PricingQuantity.
   */
  private static ChargeLine charge(ChargeKind kind, MonthBill.Charge billed, RegionRates rates) {
    BigDecimal rate = rates == null ? BigDecimal.ZERO : rates.rate(kind.priceGroup());
    String usageType = rates == null ? "" : rates.usageType(kind.priceGroup());
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    if (billed == null) {
      return new ChargeLine(kind, BigDecimal.ZERO, rate, zero, zero, usageType, zero, null);
    }
    return new ChargeLine(
        kind,
        billed.quantity(),
        rate,
        billed.billedCost(),
        billed.freeTierCredit(),
        usageType,
        billed.netCost(),
        billed.invoiceId());
  }

  /** Builds one row from a priced line. */
  private static final class RowBuilder {
    private static final BigDecimal NO_CREDIT = BigDecimal.ZERO.setScale(2);

    private final YearMonth month;
    private final CostReport report;
    private final PriceBook book;
    private final HistoryCaveats caveats;

    RowBuilder(YearMonth month, CostReport report, PriceBook book, HistoryCaveats caveats) {
      this.month = month;
      this.report = report;
      this.book = book;
      this.caveats = caveats;
    }

    ReportRow row(
        MonthUsage.Line monthLine,
        LineCost cost,
        Map<String, Account> accounts,
        SortedMap<String, String> tags,
        List<String> notes) {
      UsageLine line = cost == null ? monthLine.usage() : cost.line();
      FunctionKey function = new FunctionKey(line.account(), line.region(), line.function());
      if (monthLine.deletedAt() != null
          && YearMonth.from(monthLine.deletedAt().atZone(ZoneOffset.UTC)).compareTo(month) <= 0) {
        notes.add("function deleted " + monthLine.deletedAt());
      }
      notes.addAll(caveats.notes(function));
      Provenance provenance = caveats.provenance(function);
      Account account = accounts.get(line.account());
      Account payer = accounts.get(line.payer());
      boolean priced = cost != null;
      UnpricedUsage unpriced = priced ? null : UnpricedUsage.of(line);
      if (!priced) {
        notes.add(
            0,
            "UNPRICED: no prices for "
                + line.region()
                + " in price book "
                + book.version()
                + "; usage listed without a cost");
      }
      return new ReportRow(
          month,
          line.payer(),
          payer == null ? null : payer.name(),
          line.account(),
          account == null ? null : account.name(),
          line.region(),
          line.function(),
          monthLine.arn(),
          line.architecture().toString(),
          line.memoryMb(),
          line.ephemeralStorageMb(),
          priced ? cost.usage().requests() : unpriced.requests(),
          priced ? cost.usage().gbSeconds() : unpriced.gbSeconds(),
          priced ? charges(cost, book.rates(line.region(), line.architecture())) : List.of(),
          priced ? cents(cost.freeTierCredit()) : NO_CREDIT,
          priced ? cost.total() : NO_CREDIT,
          report == null ? MonthlyReports.DEFAULT_CURRENCY : report.currency(),
          priced ? report.priceVersion() : book.version(),
          tags,
          notes,
          priced,
          provenance == null ? null : provenance.name(),
          null);
    }

    private List<ChargeLine> charges(LineCost cost, RegionRates rates) {
      LineUsage usage = cost.usage();
      BigDecimal requestCredit = usage.freeRequests().multiply(rates.rate(PriceGroup.REQUESTS));
      BigDecimal durationCredit =
          cost.freeTierCredit().subtract(requestCredit).max(BigDecimal.ZERO);
      boolean extraStorage = cost.line().ephemeralStorageMb() > UsageLine.FREE_EPHEMERAL_STORAGE_MB;
      List<ChargeLine> charges = new ArrayList<>(5);
      charges.add(
          charge(
              ChargeKind.REQUESTS,
              BigDecimal.valueOf(usage.requests()),
              cost,
              rates,
              cents(requestCredit),
              true));
      charges.add(
          charge(ChargeKind.DURATION, usage.gbSeconds(), cost, rates, cents(durationCredit), true));
      charges.add(
          charge(
              ChargeKind.EPHEMERAL_STORAGE,
              usage.ephemeralStorageGbSeconds(),
              cost,
              rates,
              NO_CREDIT,
              extraStorage));
      charges.add(
          charge(
              ChargeKind.PROVISIONED_CONCURRENCY,
              usage.provisionedConcurrencyGbSeconds(),
              cost,
              rates,
              NO_CREDIT,
              false));
      charges.add(
          charge(
              ChargeKind.PROVISIONED_DURATION,
              usage.provisionedDurationGbSeconds(),
              cost,
              rates,
              NO_CREDIT,
              false));
      charges.removeIf(Objects::isNull);
      return charges;
    }

    /** The charge, or null when it does not apply (no usage, no cost, not always shown). */
    private static ChargeLine charge(
        ChargeKind kind,
        BigDecimal quantity,
        LineCost cost,
        RegionRates rates,
        BigDecimal freeTierCredit,
        boolean always) {
      PriceGroup group = kind.priceGroup();
      BigDecimal amount = cost.charges().get(group);
      if (!always && quantity.signum() == 0 && amount.signum() == 0) {
        return null;
      }
      return new ChargeLine(
          kind, quantity, rates.rate(group), amount, freeTierCredit, rates.usageType(group));
    }
  }
}
