package io.lambdaledger.collector;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.db.InventoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory of one shard: what the store holds, refreshed from Lambda when it is older than the
 * inventory interval or when CloudWatch names a function the store does not know. Provisioned
 * concurrency needs one call per function, so it is read for every function at most once a day per
 * process, and in between only for new functions, functions that have provisioned concurrency, and
 * functions CloudWatch has provisioned-concurrency metrics for.
 */
final class ShardInventory {

  /** How often provisioned concurrency is read for every function of a shard. */
  static final Duration FULL_PROVISIONED_CONCURRENCY_SWEEP = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(ShardInventory.class);

  private final ShardContext context;
  private final ShardClients clients;
  private final InventoryStore store;
  private final Duration inventoryInterval;
  private final CallCounter counter;
  private Map<String, LambdaFunction> functions;
  private boolean refreshed;

  ShardInventory(
      ShardContext context,
      ShardClients clients,
      InventoryStore store,
      Duration inventoryInterval,
      CallCounter counter) {
    this.context = context;
    this.clients = clients;
    this.store = store;
    this.inventoryInterval = inventoryInterval;
    this.counter = counter;
  }

  /** The shard's functions by name (deleted ones too), refreshed first if the store's are old. */
  Map<String, LambdaFunction> functions(Instant now) {
    if (functions == null) {
      functions = stored();
    }
    if (!refreshed && isDue(now)) {
      refresh(now);
    }
    return functions;
  }

  /** Lists the shard now. */
  void refreshNow(Instant now) {
    if (functions == null) {
      functions = stored();
    }
    refresh(now);
  }

  /** Lists the shard again (once per run) if any of the names is unknown. */
  Map<String, LambdaFunction> knowing(Set<String> names, Instant now) {
    Map<String, LambdaFunction> known = functions(now);
    if (!refreshed && !known.keySet().containsAll(names)) {
      refresh(now);
    }
    return functions;
  }

  /** The longest timeout of the shard's current functions, or Lambda's maximum if none known. */
  Duration longestTimeout(Instant now) {
    return functions(now).values().stream()
        .filter(function -> !function.isDeleted())
        .map(function -> Duration.ofSeconds(function.configuration().timeoutSeconds()))
        .max(Duration::compareTo)
        .orElse(FinalityHorizon.MAX_LAMBDA_TIMEOUT);
  }

  private boolean isDue(Instant now) {
    Instant newest =
        functions.values().stream()
            .map(LambdaFunction::lastSeen)
            .max(Instant::compareTo)
            .orElse(null);
    return newest == null || !newest.isAfter(now.minus(inventoryInterval));
  }

  private void refresh(Instant now) {
    Instant lastSweep = context.lastFullProvisionedConcurrencySweep();
    boolean fullSweep =
        lastSweep == null || !lastSweep.isAfter(now.minus(FULL_PROVISIONED_CONCURRENCY_SWEEP));
    Set<String> readProvisioned = new HashSet<>();
    Map<String, List<ProvisionedConcurrency>> known = new HashMap<>();
    if (!fullSweep) {
      functions.forEach(
          (name, function) -> {
            known.put(name, function.provisionedConcurrency());
            if (!function.provisionedConcurrency().isEmpty()) {
              readProvisioned.add(name);
            }
          });
      readProvisioned.addAll(
          new ActiveFunctionFinder(clients.cloudWatch(), context.cloudWatchLimiter, counter)
              .functionsWith(List.of(LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS), false));
    }
    Map<String, LambdaFunction> before = functions;
    InventoryReader.Pass pass =
        new InventoryReader(clients, context.lambdaLimiter, counter)
            .read(
                name -> fullSweep || readProvisioned.contains(name) || !before.containsKey(name),
                known);
    var update =
        store.recordListing(
            new InventoryListing(
                context.shard.accountId(), context.shard.region(), now, pass.functions(), true));
    if (fullSweep) {
      context.fullProvisionedConcurrencySweepDone(now);
    }
    refreshed = true;
    functions = stored();
    LOG.info(
        "shard={} event=inventory functions={} update={} provisionedConcurrencySweep={}",
        context.shard,
        pass.functions().size(),
        update,
        fullSweep ? "full" : "partial");
  }

  private Map<String, LambdaFunction> stored() {
    Map<String, LambdaFunction> byName = new HashMap<>();
    for (LambdaFunction function :
        store.listFunctions(AccountScope.only(List.of(context.shard.accountId())), true)) {
      if (function.key().region().equals(context.shard.region())) {
        byName.put(function.key().name(), function);
      }
    }
    return byName;
  }
}
