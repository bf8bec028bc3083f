package io.lambdaledger.db;

import io.lambdaledger.core.ledger.BilledMonths;
import io.lambdaledger.core.ledger.CollectionHistory;
import io.lambdaledger.core.ledger.CollectionSpend;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.ledger.UsageMonths;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.ConfigurationPeriod;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.UsageRollup;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database behind the read ports of {@code core.ledger}: what the API reads, without seeing a
 * store, a jOOQ record or SQL. The composition root ({@code app}) builds them.
 */
public final class StoredLedger {

  private StoredLedger() {}

  /** Usage through the one read path, {@link UsageRollupStore}. */
  public static UsageReader usage(Database database) {
    return usage(database.dsl());
  }

  /** As {@link #usage(Database)}, on a connection already opened (the reports have one). */
  public static UsageReader usage(org.jooq.DSLContext dsl) {
    return new StoredUsage(new UsageRollupStore(dsl), new InventoryStore(dsl));
  }

  public static FunctionDirectory functions(Database database) {
    return new StoredFunctions(new InventoryStore(database.dsl()));
  }

  /** Which months have usage, per account, from the month rollup. */
  public static UsageMonths months(Database database) {
    UsageRollupStore rollups = new UsageRollupStore(database.dsl());
    return () ->
        rollups.monthsWithUsage().stream()
            .map(
                used ->
                    new UsageMonths.AccountMonth(
                        used.accountId(),
                        YearMonth.from(used.monthStart().atOffset(ZoneOffset.UTC)),
                        used.functions()))
            .toList();
  }

  /** The imported bill (AWS Data Exports), for reconciliation. */
  public static BilledMonths bill(Database database) {
    return bill(database.dsl());
  }

  /** As {@link #bill(Database)}, on a connection already opened (the reports have one). */
  public static BilledMonths bill(org.jooq.DSLContext dsl) {
    return new StoredBill(dsl);
  }

  /**
   * The provenance of each function's history ({@link HistoryStore#provenance}) and what the
   * collector could not read ({@link FunctionUnknownStore}).
   */
  public static HistoryEvidence history(Database database) {
    return history(database.dsl());
  }

  /** As {@link #history(Database)}, on a connection already opened (the reports have one). */
  public static HistoryEvidence history(org.jooq.DSLContext dsl) {
    HistoryStore history = new HistoryStore(dsl, java.time.Clock.systemUTC());
    FunctionUnknownStore unknowns = new FunctionUnknownStore(dsl);
    return new HistoryEvidence() {
      @Override
      public List<FunctionProvenance> provenance(YearMonth month, AccountScope scope) {
        return history.provenance(month, scope);
      }

      @Override
      public List<NotYetKnown> notYetKnown(AccountScope scope) {
        List<NotYetKnown> found = new ArrayList<>();
        for (FunctionUnknownStore.Unknown row : unknowns.listAll()) {
          if (scope.includes(row.accountId())) {
            found.add(
                new NotYetKnown(
                    new FunctionKey(row.accountId(), row.region(), row.functionName()),
                    row.aspect().name(),
                    row.reason().name(),
                    row.detail()));
          }
        }
        return found;
      }
    };
  }

  public static CollectionHistory collections(Database database) {
    return new StoredCollections(new CollectionRunStore(database.dsl()));
  }

  /**
   * Whole months from the month rollup, whole days from the day rollup and the hours at the edges
   * from the hour rollup. Series rows carry no payer; it is the payer of the function's account.
   */
  private record StoredUsage(UsageRollupStore rollups, InventoryStore inventory)
      implements UsageReader {
    @Override
    public List<FunctionUsage> totals(Instant start, Instant end) {
      if (!start.isBefore(end)) {
        return List.of();
      }
      return rollups.usageByFunction(UsageQuery.between(start, end));
    }

    @Override
    public List<Bucket> buckets(Granularity granularity, Instant start, Instant end) {
      return start.isBefore(end) ? series(UsageQuery.between(start, end), granularity) : List.of();
    }

    @Override
    public List<Bucket> functionBuckets(
        FunctionKey function, Granularity granularity, Instant start, Instant end) {
      return start.isBefore(end)
          ? series(UsageQuery.between(start, end).withFunctions(List.of(function)), granularity)
          : List.of();
    }

    @Override
    public Object monthStamp(Instant monthStart) {
      return rollups.monthStamp(monthStart);
    }

    private List<Bucket> series(UsageQuery query, Granularity granularity) {
      Map<String, String> payers = new HashMap<>();
      for (Account account : inventory.listAccounts()) {
        payers.put(account.accountId(), account.payerAccountId());
      }
      List<Bucket> buckets = new ArrayList<>();
      for (UsageRollup rollup :
          rollups.usageSeries(
              query,
              granularity == Granularity.DAY
                  ? io.lambdaledger.db.Granularity.DAY
                  : io.lambdaledger.db.Granularity.HOUR)) {
        String payer = payers.get(rollup.function().accountId());
        if (payer != null) {
          buckets.add(
              new Bucket(
                  rollup.bucketStart(),
                  new FunctionUsage(
                      rollup.function(), payer, rollup.configuration(), rollup.usage())));
        }
      }
      return buckets;
    }
  }

  private record StoredFunctions(InventoryStore inventory) implements FunctionDirectory {
    @Override
    public List<LambdaFunction> functions() {
      return inventory.listFunctions(AccountScope.all(), true);
    }

    @Override
    public Optional<LambdaFunction> function(FunctionKey key) {
      return inventory.findFunction(key);
    }

    @Override
    public List<ConfigurationPeriod> history(FunctionKey key) {
      return inventory.configurationHistory(key);
    }
  }

  private record StoredCollections(CollectionRunStore runs) implements CollectionHistory {
    @Override
    public List<CollectionRun> recent(int limit, AccountScope scope) {
      return runs.recent(limit, scope);
    }

    @Override
    public CollectionSpend since(Instant from, AccountScope scope) {
      return runs.spendSince(from, scope);
    }

    @Override
    public List<CollectionRun> latestScheduled(Instant since, AccountScope scope) {
      return runs.latestScheduledPerShard(since, scope);
    }
  }
}
