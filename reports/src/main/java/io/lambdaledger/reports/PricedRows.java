package io.lambdaledger.reports;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.LineUsage;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ConfigurationPeriod;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.RegionRates;
import io.lambdaledger.db.InventoryStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prices a month of stored usage with the cost engine and turns the priced lines of the accounts in
 * scope into report rows, handed over one at a time in report order.
 *
 * <p>Pricing covers every line of the payers concerned, not only the accounts in scope, so the free
 * tier and volume tiers are allocated exactly as in a full report (and as the API does). What is
 * held in memory is the engine's input and result for those payers; rows are built and written one
 * by one.
 */
final class PricedRows {

  private final InventoryStore inventory;
  private final CostEngine engine;
  private final PriceBooks priceBooks;

  PricedRows(InventoryStore inventory, PriceBooks priceBooks) {
    this.inventory = inventory;
    this.engine = new CostEngine(priceBooks);
    this.priceBooks = priceBooks;
  }

  /**
   * @param usage the month's usage, at least every line of every payer that has an account in scope
   *     (lines of other payers are ignored)
   */
  void rows(YearMonth month, List<FunctionUsage> usage, AccountScope scope, RowSource.Sink sink)
      throws IOException {
    rowsOfLines(month, engineLines(usage, scope), scope, sink);
  }

  /** The engine's input for the payers that have an account in scope. */
  static List<UsageLine> engineLines(List<FunctionUsage> usage, AccountScope scope) {
    Set<String> payers = new HashSet<>();
    for (FunctionUsage line : usage) {
      if (scope.includes(line.function().accountId())) {
        payers.add(line.payerAccountId());
      }
    }
    List<UsageLine> lines = new ArrayList<>();
    for (FunctionUsage line : usage) {
      if (payers.contains(line.payerAccountId())) {
        lines.add(UsageLines.from(line));
      }
    }
    return lines;
  }

  void rowsOfLines(YearMonth month, List<UsageLine> lines, AccountScope scope, RowSource.Sink sink)
      throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    CostReport report = engine.price(month, lines, CostOptions.DEFAULT);
    PriceBook book = priceBooks.version(report.priceVersion()).orElseThrow();
    Map<String, Account> accounts =
        inventory.listAccounts().stream()
            .collect(Collectors.toMap(Account::accountId, account -> account));
    Map<FunctionKey, LambdaFunction> functions = new HashMap<>();
    for (LambdaFunction function : inventory.listFunctions(scope, true)) {
      functions.put(function.key(), function);
    }
    Map<FunctionKey, List<Integer>> byFunction = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      UsageLine line = lines.get(i);
      if (scope.includes(line.account())) {
        byFunction.computeIfAbsent(key(line), key -> new ArrayList<>(1)).add(i);
      }
    }
    RowBuilder builder = new RowBuilder(month, report, book, accounts, functions);
    for (Map.Entry<FunctionKey, List<Integer>> entry : byFunction.entrySet()) {
      List<Integer> configurations = entry.getValue();
      List<ConfigurationPeriod> history =
          configurations.size() > 1 ? inventory.configurationHistory(entry.getKey()) : List.of();
      configurations.sort(byFirstUse(lines, history, month));
      for (int k = 0; k < configurations.size(); k++) {
        LineCost cost = report.lines().get(configurations.get(k));
        List<String> notes = new ArrayList<>(2);
        if (configurations.size() > 1) {
          notes.add(configurationNote(cost.line(), k, configurations.size(), history, month));
        }
        sink.accept(builder.row(cost, notes));
      }
    }
  }

  static FunctionKey key(UsageLine line) {
    return new FunctionKey(line.account(), line.region(), line.function());
  }

  /** Configurations of one function in the order they were first in force during the month. */
  private static Comparator<Integer> byFirstUse(
      List<UsageLine> lines, List<ConfigurationPeriod> history, YearMonth month) {
    Comparator<Integer> byStart =
        Comparator.comparing(index -> start(lines.get(index), history, month).orElse(Instant.MAX));
    Comparator<Integer> byValues =
        Comparator.comparing((Integer index) -> lines.get(index).architecture().toString())
            .thenComparingInt(index -> lines.get(index).memoryMb())
            .thenComparingInt(index -> lines.get(index).ephemeralStorageMb());
    return byStart.thenComparing(byValues);
  }

  /** When the line's configuration was first in force within the month, if the history says. */
  private static Optional<Instant> start(
      UsageLine line, List<ConfigurationPeriod> history, YearMonth month) {
    Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return history.stream()
        .filter(period -> sameBilling(period, line))
        .filter(period -> period.validFrom().isBefore(monthEnd))
        .filter(period -> period.validTo() == null || period.validTo().isAfter(monthStart))
        .map(period -> period.validFrom().isBefore(monthStart) ? monthStart : period.validFrom())
        .min(Comparator.naturalOrder());
  }

  private static boolean sameBilling(ConfigurationPeriod period, UsageLine line) {
    return period.configuration().memoryMb() == line.memoryMb()
        && period.configuration().ephemeralStorageMb() == line.ephemeralStorageMb()
        && period.configuration().architecture().id().equals(line.architecture().toString());
  }

  private static String configurationNote(
      UsageLine line, int position, int count, List<ConfigurationPeriod> history, YearMonth month) {
    String storage =
        line.ephemeralStorageMb() > UsageLine.FREE_EPHEMERAL_STORAGE_MB
            ? ", " + line.ephemeralStorageMb() + " MB ephemeral storage"
            : "";
    String since =
        start(line, history, month).map(instant -> ", in force from " + instant).orElse("");
    return "configuration changed during the month: row "
        + (position + 1)
        + " of "
        + count
        + ", "
        + line.architecture()
        + " "
        + line.memoryMb()
        + " MB"
        + storage
        + since;
  }

  static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  /** Builds one row from a priced line and what the inventory knows of its function. */
  private static final class RowBuilder {
    private static final BigDecimal NO_CREDIT = BigDecimal.ZERO.setScale(2);

    private final YearMonth month;
    private final CostReport report;
    private final PriceBook book;
    private final Map<String, Account> accounts;
    private final Map<FunctionKey, LambdaFunction> functions;
    private final Instant monthEnd;

    RowBuilder(
        YearMonth month,
        CostReport report,
        PriceBook book,
        Map<String, Account> accounts,
        Map<FunctionKey, LambdaFunction> functions) {
      this.month = month;
      this.report = report;
      this.book = book;
      this.accounts = accounts;
      this.functions = functions;
      this.monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    ReportRow row(LineCost cost, List<String> notes) {
      UsageLine line = cost.line();
      FunctionKey key = key(line);
      LambdaFunction function = functions.get(key);
      RegionRates rates = book.rates(key.region(), line.architecture());
      if (function != null && function.isDeleted() && function.deletedAt().isBefore(monthEnd)) {
        notes.add("function deleted " + function.deletedAt());
      }
      Account account = accounts.get(key.accountId());
      Account payer = accounts.get(line.payer());
      return new ReportRow(
          month,
          line.payer(),
          payer == null ? null : payer.name(),
          key.accountId(),
          account == null ? null : account.name(),
          key.region(),
          key.name(),
          function == null ? arn(key) : function.arn(),
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
          function == null ? new TreeMap<>() : new TreeMap<>(function.tags()),
          notes);
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

    private static String arn(FunctionKey key) {
      return "arn:aws:lambda:" + key.region() + ":" + key.accountId() + ":function:" + key.name();
    }
  }
}
