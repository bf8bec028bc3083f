package io.lambdaledger.reports;

import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.UsageQuery;
import io.lambdaledger.db.UsageRollupStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Report rows from the stored usage rollups and inventory, priced by the cost engine. */
final class StoredRows implements RowSource {

  private final InventoryStore inventory;
  private final UsageRollupStore usage;
  private final PricedRows priced;
  private final Clock clock;

  StoredRows(InventoryStore inventory, UsageRollupStore usage, PriceBooks priceBooks, Clock clock) {
    this.inventory = inventory;
    this.usage = usage;
    this.priced = new PricedRows(inventory, priceBooks);
    this.clock = clock;
  }

  @Override
  public void rows(YearMonth month, AccountScope accounts, Sink sink) throws IOException {
    if (!accounts.unrestricted() && accounts.accountIds().isEmpty()) {
      return;
    }
    UsageQuery query = UsageQuery.month(month).withScope(pricingScope(accounts));
    priced.rowsOfLines(
        month, PricedRows.engineLines(usage.usageByFunction(query), accounts), accounts, sink);
  }

  /**
   * Every account of the payers of the accounts in scope: the payer's free tier and volume tiers
   * need all of them. Accounts the inventory does not know are kept as they are.
   */
  private AccountScope pricingScope(AccountScope accounts) {
    if (accounts.unrestricted()) {
      return accounts;
    }
    List<Account> known = inventory.listAccounts();
    Set<String> payers = new HashSet<>();
    for (Account account : known) {
      if (accounts.includes(account.accountId())) {
        payers.add(account.payerAccountId());
      }
    }
    Set<String> pricing = new HashSet<>(accounts.accountIds());
    for (Account account : known) {
      if (payers.contains(account.payerAccountId())) {
        pricing.add(account.accountId());
      }
    }
    return AccountScope.only(pricing);
  }

  /** From the month the first function was seen to the current month. */
  @Override
  public List<YearMonth> monthsWithUsage() {
    Optional<Instant> first =
        inventory.listFunctions(AccountScope.all(), true).stream()
            .map(LambdaFunction::firstSeen)
            .min(Instant::compareTo);
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
