package io.lambdaledger.api;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.ConfigurationPeriod;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.db.CollectionRunQueries;
import io.lambdaledger.db.CostQueries;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.InventoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the API reads from the database, behind the API's own small interfaces. */
record LedgerData(UsageReader usage, FunctionDirectory functions, CollectionHistory collections) {

  static LedgerData from(Database database) {
    CostQueries costQueries = new CostQueries(database.dsl());
    InventoryStore inventory = new InventoryStore(database.dsl());
    CollectionRunQueries runs = new CollectionRunQueries(database.dsl());
    return new LedgerData(
        new DbUsageReader(costQueries),
        new DbFunctionDirectory(inventory),
        new DbCollectionHistory(runs));
  }

  private record DbUsageReader(CostQueries queries) implements UsageReader {
    @Override
    public List<FunctionUsage> totals(Instant start, Instant end) {
      return queries.totals(start, end);
    }

    @Override
    public List<Bucket> buckets(Granularity granularity, Instant start, Instant end) {
      return queries.buckets(granularity(granularity), start, end).stream()
          .map(b -> new Bucket(b.start(), b.usage()))
          .toList();
    }

    @Override
    public List<Bucket> functionBuckets(
        FunctionKey function, Granularity granularity, Instant start, Instant end) {
      return queries.functionBuckets(function, granularity(granularity), start, end).stream()
          .map(b -> new Bucket(b.start(), b.usage()))
          .toList();
    }

    private static CostQueries.Granularity granularity(Granularity granularity) {
      return granularity == Granularity.DAY
          ? CostQueries.Granularity.DAY
          : CostQueries.Granularity.HOUR;
    }
  }

  private record DbFunctionDirectory(InventoryStore inventory) implements FunctionDirectory {
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

  private record DbCollectionHistory(CollectionRunQueries runs) implements CollectionHistory {
    @Override
    public List<CollectionRun> recent(int limit) {
      return runs.recent(limit);
    }

    @Override
    public Spend since(Instant from) {
      CollectionRunQueries.Spend spend = runs.since(from);
      return new Spend(
          spend.runs(),
          spend.calls(),
          spend.metricsRequested(),
          spend.cloudWatchCost(),
          spend.lastSuccess());
    }
  }
}
