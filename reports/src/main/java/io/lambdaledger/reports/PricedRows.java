package io.lambdaledger.reports;

import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.LineUsage;
import io.lambdaledger.core.cost.Money;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.ledger.MonthUsage;
import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.RegionRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    int start = 0;
    while (start < lines.size()) {
      int end = start + 1;
      while (end < lines.size() && lines.get(end).key().equals(lines.get(start).key())) {
        end++;
      }
      MonthUsage.Line first = lines.get(start);
      if (scope.includes(first.usage().account())) {
        for (int i = start; i < end; i++) {
          MonthUsage.Line line = lines.get(i);
          List<String> notes = new ArrayList<>(2);
          if (end - start > 1) {
            notes.add(configurationNote(line, i - start, end - start));
          }
          sink.accept(
              builder.row(
                  line,
                  priced.costs().get(i),
                  accounts,
                  tags.getOrDefault(line.functionId(), new TreeMap<>()),
                  notes));
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
      if (cost == null) {
        UnpricedUsage usage = UnpricedUsage.of(line);
        notes.add(
            0,
            "UNPRICED: no prices for "
                + line.region()
                + " in price book "
                + book.version()
                + "; usage listed without a cost");
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
            usage.requests(),
            usage.gbSeconds(),
            List.of(),
            NO_CREDIT,
            NO_CREDIT,
            report == null ? MonthlyReports.DEFAULT_CURRENCY : report.currency(),
            book.version(),
            tags,
            notes,
            false,
            provenance == null ? null : provenance.name());
      }
      RegionRates rates = book.rates(line.region(), line.architecture());
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
          cost.usage().requests(),
          cost.usage().gbSeconds(),
          charges(cost, rates),
          cents(cost.freeTierCredit()),
          cost.total(),
          report.currency(),
          report.priceVersion(),
          tags,
          notes,
          true,
          provenance == null ? null : provenance.name());
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
