package io.lambdaledger.reports;

import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.costing.BillableUsage;
import io.lambdaledger.core.ledger.BilledMonths;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.ledger.MonthUsage;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.MonthUsageStore;
import io.lambdaledger.db.StoredLedger;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/** Report rows from the stored day rollups and inventory, priced by the cost engine. */
final class StoredRows implements RowSource {

  private final InventoryStore inventory;
  private final MonthUsage usage;
  private final PricedRows priced;
  private final HistoryEvidence history;
  private final BilledMonths bill;
  private final UsageReader reader;
  private final Clock clock;

  StoredRows(DSLContext dsl, PriceBooks priceBooks, Clock clock) {
    this.inventory = new InventoryStore(dsl);
    this.usage = new MonthUsageStore(dsl);
    this.priced = new PricedRows(priceBooks);
    this.history = StoredLedger.history(dsl);
    this.bill = StoredLedger.bill(dsl);
    this.reader = StoredLedger.usage(dsl);
    this.clock = clock;
  }

  @Override
  public void rows(YearMonth month, AccountScope accounts, Sink sink) throws IOException {
    if (!accounts.unrestricted() && accounts.accountIds().isEmpty()) {
      return;
    }
    Map<String, Account> known = new HashMap<>();
    for (Account account : inventory.listAccounts()) {
      known.put(account.accountId(), account);
    }
    priced.rows(
        month,
        usage.read(month, pricingScope(accounts, known)),
        accounts,
        known,
        usage.tags(accounts),
        priced.caveats(month, history, accounts),
        monthBill(month),
        sink);
  }

  /**
   * The month's imported bill and the stored usage up to each end of the days it covers (every
   * account: the payers' tiers need them all).
   */
  private MonthBill monthBill(YearMonth month) {
    Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return MonthBill.of(
        month,
        bill,
        end -> {
          List<UsageLine> lines = new ArrayList<>();
          for (FunctionUsage usage : reader.totals(monthStart, end)) {
            lines.add(BillableUsage.of(usage));
          }
          return lines;
        });
  }

  /**
   * Every account of the payers of the accounts in scope: the payer's free tier and volume tiers
   * need all of them.
   */
  private static AccountScope pricingScope(AccountScope accounts, Map<String, Account> known) {
    if (accounts.unrestricted()) {
      return accounts;
    }
    Set<String> payers = new HashSet<>();
    for (Account account : known.values()) {
      if (accounts.includes(account.accountId())) {
        payers.add(account.payerAccountId());
      }
    }
    Set<String> pricing = new HashSet<>(accounts.accountIds());
    for (Account account : known.values()) {
      if (payers.contains(account.payerAccountId())) {
        pricing.add(account.accountId());
      }
    }
    return AccountScope.only(pricing);
  }

  /** From the month of the first stored usage to the current month. */
  @Override
  public List<YearMonth> monthsWithUsage() {
    Optional<Instant> first = usage.firstUsageDay();
    List<YearMonth> months = new ArrayList<>();
    if (first.isEmpty()) {
      return months;
    }
    YearMonth current = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    for (YearMonth month = YearMonth.from(first.get().atZone(ZoneOffset.UTC));
        !month.isAfter(current);
        month = month.plusMonths(1)) {
      months.add(month);
    }
    return months;
  }
}
