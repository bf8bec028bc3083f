package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_CONFIG;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_TAG;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ConfigurationPeriod;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.core.model.ProvisionedConcurrencyPeriod;
import io.lambdaledger.db.jooq.tables.records.AccountRecord;
import io.lambdaledger.db.jooq.tables.records.FunctionConfigRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Accounts and the function inventory: functions, their configuration history, tags and provisioned
 * concurrency history.
 */
public final class InventoryStore {

  private final DSLContext dsl;

  public InventoryStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Creates or updates an account (its name and payer). */
  public void upsertAccount(Account account) {
    Upserts.upsertOne(
            dsl,
            new AccountRecord(account.accountId(), account.name(), account.payerAccountId()),
            List.of(ACCOUNT.ACCOUNT_ID))
        .execute();
  }

  /** Every account, ordered by id. */
  public List<Account> listAccounts() {
    return dsl.selectFrom(ACCOUNT).orderBy(ACCOUNT.ACCOUNT_ID).fetch().stream()
        .map(row -> new Account(row.getAccountId(), row.getName(), row.getPayerAccountId()))
        .toList();
  }

  /**
   * Records what one listing of an account and region observed, atomically and idempotently: new
   * functions are created; a changed configuration closes the current period and opens a new one at
   * {@code observedAt}; tags are replaced; provisioned concurrency periods are closed and opened
   * per qualifier; a complete listing marks the shard's functions it does not contain as deleted
   * (they keep their history, and come back if listed again). An account seen for the first time is
   * created paying for itself. Observations older than the stored ones are ignored.
   */
  public InventoryUpdate recordListing(InventoryListing listing) {
    InventoryUpdate update =
        Transactions.inTransaction(dsl, tx -> new ListingWriter(tx.dsl(), listing).write());
    if (update.created() + update.configurationChanges() + update.tagChanges()
        >= TableStatistics.BULK_CHANGE) {
      TableStatistics.refresh(
          dsl, List.of(LAMBDA_FUNCTION, FUNCTION_CONFIG, FUNCTION_TAG, PROVISIONED_CONCURRENCY));
    }
    return update;
  }

  /**
   * Functions in scope, ordered by account, region and name, with their current (or, deleted, last
   * known) configuration, tags and current provisioned concurrency.
   */
  public List<LambdaFunction> listFunctions(AccountScope scope, boolean includeDeleted) {
    if (!scope.unrestricted() && scope.accountIds().isEmpty()) {
      return List.of();
    }
    Condition condition =
        scope.unrestricted() ? noCondition() : LAMBDA_FUNCTION.ACCOUNT_ID.in(scope.accountIds());
    if (!includeDeleted) {
      condition = condition.and(LAMBDA_FUNCTION.DELETED_AT.isNull());
    }
    return load(condition);
  }

  /** One function, deleted or not. */
  public Optional<LambdaFunction> findFunction(FunctionKey key) {
    return load(is(key)).stream().findFirst();
  }

  /** Every configuration the function had, oldest first. */
  public List<ConfigurationPeriod> configurationHistory(FunctionKey key) {
    return FunctionRows.configurations(dsl, is(key))
        .orderBy(FUNCTION_CONFIG.VALID_FROM)
        .fetchInto(FUNCTION_CONFIG)
        .stream()
        .map(
            row ->
                new ConfigurationPeriod(
                    row.getValidFrom(), row.getValidTo(), Rows.configuration(row)))
        .toList();
  }

  /** The configuration in force at {@code instant}; empty before the first or after deletion. */
  public Optional<FunctionConfiguration> configurationAt(FunctionKey key, Instant instant) {
    return FunctionRows.configurations(dsl, is(key))
        .and(FUNCTION_CONFIG.VALID_FROM.le(instant))
        .and(FUNCTION_CONFIG.VALID_TO.isNull().or(FUNCTION_CONFIG.VALID_TO.gt(instant)))
        .fetchOptionalInto(FUNCTION_CONFIG)
        .map(Rows::configuration);
  }

  /** Every provisioned concurrency period of the function, by qualifier, oldest first. */
  public List<ProvisionedConcurrencyPeriod> provisionedConcurrencyHistory(FunctionKey key) {
    return FunctionRows.provisionedConcurrency(dsl, is(key))
        .orderBy(PROVISIONED_CONCURRENCY.QUALIFIER, PROVISIONED_CONCURRENCY.VALID_FROM)
        .fetchInto(PROVISIONED_CONCURRENCY)
        .stream()
        .map(
            row ->
                new ProvisionedConcurrencyPeriod(
                    row.get(PROVISIONED_CONCURRENCY.QUALIFIER),
                    row.getAllocated(),
                    row.getValidFrom(),
                    row.getValidTo()))
        .toList();
  }

  private static Condition is(FunctionKey key) {
    return LAMBDA_FUNCTION
        .ACCOUNT_ID
        .eq(key.accountId())
        .and(LAMBDA_FUNCTION.REGION.eq(key.region()))
        .and(LAMBDA_FUNCTION.FUNCTION_NAME.eq(key.name()));
  }

  private List<LambdaFunction> load(Condition functions) {
    Map<Long, FunctionConfiguration> configurations = latestConfigurations(functions);
    Map<Long, Map<String, String>> tags = tags(functions);
    Map<Long, List<ProvisionedConcurrency>> allocations = currentAllocations(functions);
    List<LambdaFunction> result = new ArrayList<>();
    for (Record row :
        dsl.select(LAMBDA_FUNCTION.fields())
            .select(ACCOUNT.PAYER_ACCOUNT_ID)
            .from(LAMBDA_FUNCTION)
            .join(ACCOUNT)
            .on(ACCOUNT.ACCOUNT_ID.eq(LAMBDA_FUNCTION.ACCOUNT_ID))
            .where(functions)
            .orderBy(
                LAMBDA_FUNCTION.ACCOUNT_ID, LAMBDA_FUNCTION.REGION, LAMBDA_FUNCTION.FUNCTION_NAME)
            .fetch()) {
      long id = row.get(LAMBDA_FUNCTION.ID);
      FunctionConfiguration configuration = configurations.get(id);
      if (configuration == null) {
        continue; // written in the same transaction as the function: only a foreign row lacks it
      }
      result.add(
          new LambdaFunction(
              new FunctionKey(
                  row.get(LAMBDA_FUNCTION.ACCOUNT_ID),
                  row.get(LAMBDA_FUNCTION.REGION),
                  row.get(LAMBDA_FUNCTION.FUNCTION_NAME)),
              row.get(LAMBDA_FUNCTION.FUNCTION_ARN),
              row.get(LAMBDA_FUNCTION.RUNTIME),
              row.get(LAMBDA_FUNCTION.PACKAGE_TYPE),
              row.get(ACCOUNT.PAYER_ACCOUNT_ID),
              configuration,
              tags.getOrDefault(id, Map.of()),
              allocations.getOrDefault(id, List.of()),
              row.get(LAMBDA_FUNCTION.FIRST_SEEN),
              row.get(LAMBDA_FUNCTION.LAST_SEEN),
              row.get(LAMBDA_FUNCTION.DELETED_AT),
              row.get(LAMBDA_FUNCTION.LAST_ACTIVITY)));
    }
    return result;
  }

  private Map<Long, FunctionConfiguration> latestConfigurations(Condition functions) {
    var latest = FUNCTION_CONFIG.as("latest");
    Map<Long, FunctionConfiguration> configurations = new HashMap<>();
    for (FunctionConfigRecord row :
        FunctionRows.configurations(dsl, functions)
            .and(
                FUNCTION_CONFIG.VALID_FROM.eq(
                    select(max(latest.VALID_FROM))
                        .from(latest)
                        .where(latest.FUNCTION_ID.eq(FUNCTION_CONFIG.FUNCTION_ID))))
            .fetchInto(FUNCTION_CONFIG)) {
      configurations.put(row.getFunctionId(), Rows.configuration(row));
    }
    return configurations;
  }

  private Map<Long, Map<String, String>> tags(Condition functions) {
    Map<Long, Map<String, String>> tags = new HashMap<>();
    FunctionRows.tags(dsl, functions)
        .fetchInto(FUNCTION_TAG)
        .forEach(
            row ->
                tags.computeIfAbsent(row.getFunctionId(), id -> new HashMap<>())
                    .put(row.getTagKey(), row.getTagValue()));
    return tags;
  }

  private Map<Long, List<ProvisionedConcurrency>> currentAllocations(Condition functions) {
    Map<Long, List<ProvisionedConcurrency>> allocations = new HashMap<>();
    FunctionRows.provisionedConcurrency(dsl, functions)
        .and(PROVISIONED_CONCURRENCY.VALID_TO.isNull())
        .orderBy(PROVISIONED_CONCURRENCY.QUALIFIER)
        .fetchInto(PROVISIONED_CONCURRENCY)
        .forEach(
            row ->
                allocations
                    .computeIfAbsent(row.getFunctionId(), id -> new ArrayList<>())
                    .add(
                        new ProvisionedConcurrency(
                            row.get(PROVISIONED_CONCURRENCY.QUALIFIER), row.getAllocated())));
    return allocations;
  }
}
