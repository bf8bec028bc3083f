package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_CONFIG;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_TAG;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;

import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.db.FunctionRows.PeriodTable;
import io.lambdaledger.db.jooq.tables.records.FunctionConfigRecord;
import io.lambdaledger.db.jooq.tables.records.FunctionTagRecord;
import io.lambdaledger.db.jooq.tables.records.LambdaFunctionRecord;
import io.lambdaledger.db.jooq.tables.records.ProvisionedConcurrencyRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Records one shard's listing inside one transaction: new functions, configuration and provisioned
 * concurrency history (a change closes the current period and opens one at the observation time),
 * tags replaced, functions missing from a complete listing marked deleted. Observations older than
 * what is stored are ignored, so replaying a listing changes nothing.
 */
final class ListingWriter {

  private record StoredFunction(
      long id,
      String arn,
      String runtime,
      String packageType,
      Instant lastSeen,
      Instant deletedAt) {}

  private record CurrentConfiguration(Instant validFrom, FunctionConfiguration configuration) {}

  private record CurrentAllocation(Instant validFrom, int allocated) {}

  private final DSLContext dsl;
  private final InventoryListing listing;
  private final Instant at;

  private final List<FunctionConfigRecord> newConfigurations = new ArrayList<>();
  private final List<FunctionTagRecord> newTags = new ArrayList<>();
  private final List<Long> functionsWithReplacedTags = new ArrayList<>();
  private final List<ProvisionedConcurrencyRecord> newAllocations = new ArrayList<>();

  private int created;
  private int restored;
  private int configurationChanges;
  private int tagChanges;
  private int allocationChanges;
  private int deleted;
  private int stale;

  ListingWriter(DSLContext dsl, InventoryListing listing) {
    this.dsl = dsl;
    this.listing = listing;
    // The databases keep microseconds and round the rest (half up): an observation at
    // ...20.470360518 is stored as ...20.470361, after itself, and a later write of the same
    // observation (the per-function reads beside collection) was judged older than what is stored
    // and dropped. Every write and comparison uses the stored precision.
    this.at = listing.observedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  InventoryUpdate write() {
    lockAccount();
    Map<String, StoredFunction> stored = loadFunctions();
    Map<String, Long> ids = insertNewFunctions(stored);
    Map<Long, CurrentConfiguration> configurations = loadCurrentConfigurations();
    Map<Long, Map<String, String>> tags = loadTags();
    Map<Long, Map<String, CurrentAllocation>> allocations = loadCurrentAllocations();

    List<String> seen = new ArrayList<>();
    for (FunctionSnapshot snapshot : listing.functions()) {
      String name = snapshot.key().name();
      StoredFunction existing = stored.get(name);
      long id = ids.get(name);
      if (existing != null && isStale(existing)) {
        stale++;
        continue;
      }
      seen.add(name);
      if (existing == null) {
        created++;
      } else {
        updateAttributes(existing, snapshot);
      }
      recordConfiguration(id, configurations.get(id), snapshot);
      recordTags(id, tags.getOrDefault(id, Map.of()), snapshot.tags());
      recordAllocations(id, allocations.getOrDefault(id, Map.of()), snapshot);
    }
    writeCollectedRows();
    if (listing.complete()) {
      markMissingDeleted(stored);
    }
    touchLastSeen(seen);
    return new InventoryUpdate(
        created, restored, configurationChanges, tagChanges, allocationChanges, deleted, stale);
  }

  /** Serialises inventory writes per account, so two collectors cannot interleave histories. */
  private void lockAccount() {
    dsl.insertInto(ACCOUNT, ACCOUNT.ACCOUNT_ID, ACCOUNT.PAYER_ACCOUNT_ID)
        .values(listing.accountId(), listing.accountId())
        .onConflictDoNothing()
        .execute();
    dsl.select(ACCOUNT.ACCOUNT_ID)
        .from(ACCOUNT)
        .where(ACCOUNT.ACCOUNT_ID.eq(listing.accountId()))
        .forUpdate()
        .fetch();
  }

  private Condition inShard() {
    return LAMBDA_FUNCTION
        .ACCOUNT_ID
        .eq(listing.accountId())
        .and(LAMBDA_FUNCTION.REGION.eq(listing.region()));
  }

  private Map<String, StoredFunction> loadFunctions() {
    Map<String, StoredFunction> stored = new HashMap<>();
    for (LambdaFunctionRecord row : dsl.selectFrom(LAMBDA_FUNCTION).where(inShard()).fetch()) {
      stored.put(
          row.getFunctionName(),
          new StoredFunction(
              row.getId(),
              row.getFunctionArn(),
              row.getRuntime(),
              row.getPackageType(),
              row.getLastSeen(),
              row.getDeletedAt()));
    }
    return stored;
  }

  private Map<String, Long> insertNewFunctions(Map<String, StoredFunction> stored) {
    Map<String, Long> ids = new HashMap<>();
    stored.forEach((name, function) -> ids.put(name, function.id()));
    List<LambdaFunctionRecord> rows = new ArrayList<>();
    for (FunctionSnapshot snapshot : listing.functions()) {
      if (!stored.containsKey(snapshot.key().name())) {
        LambdaFunctionRecord row = new LambdaFunctionRecord();
        row.setAccountId(listing.accountId());
        row.setRegion(listing.region());
        row.setFunctionName(snapshot.key().name());
        row.setFunctionArn(snapshot.arn());
        row.setRuntime(snapshot.runtime());
        row.setPackageType(snapshot.packageType());
        row.setFirstSeen(at);
        row.setLastSeen(at);
        rows.add(row);
      }
    }
    // No conflict is possible: the account is locked and these names were not stored.
    Upserts.insert(
        dsl,
        LAMBDA_FUNCTION,
        List.of(
            LAMBDA_FUNCTION.ACCOUNT_ID,
            LAMBDA_FUNCTION.REGION,
            LAMBDA_FUNCTION.FUNCTION_NAME,
            LAMBDA_FUNCTION.FUNCTION_ARN,
            LAMBDA_FUNCTION.RUNTIME,
            LAMBDA_FUNCTION.PACKAGE_TYPE,
            LAMBDA_FUNCTION.FIRST_SEEN,
            LAMBDA_FUNCTION.LAST_SEEN),
        rows);
    if (!rows.isEmpty()) {
      dsl.select(LAMBDA_FUNCTION.ID, LAMBDA_FUNCTION.FUNCTION_NAME)
          .from(LAMBDA_FUNCTION)
          .where(inShard())
          .forEach(row -> ids.put(row.value2(), row.value1()));
    }
    return ids;
  }

  private Map<Long, CurrentConfiguration> loadCurrentConfigurations() {
    Map<Long, CurrentConfiguration> current = new HashMap<>();
    FunctionRows.configurations(dsl, inShard())
        .and(FUNCTION_CONFIG.VALID_TO.isNull())
        .fetchInto(FUNCTION_CONFIG)
        .forEach(
            row ->
                current.put(
                    row.getFunctionId(),
                    new CurrentConfiguration(row.getValidFrom(), Rows.configuration(row))));
    return current;
  }

  private Map<Long, Map<String, String>> loadTags() {
    return FunctionRows.tags(dsl, inShard()).fetchInto(FUNCTION_TAG).stream()
        .collect(
            Collectors.groupingBy(
                FunctionTagRecord::getFunctionId,
                Collectors.toMap(FunctionTagRecord::getTagKey, FunctionTagRecord::getTagValue)));
  }

  private Map<Long, Map<String, CurrentAllocation>> loadCurrentAllocations() {
    Map<Long, Map<String, CurrentAllocation>> current = new HashMap<>();
    FunctionRows.provisionedConcurrency(dsl, inShard())
        .and(PROVISIONED_CONCURRENCY.VALID_TO.isNull())
        .fetchInto(PROVISIONED_CONCURRENCY)
        .forEach(
            row ->
                current
                    .computeIfAbsent(row.getFunctionId(), id -> new HashMap<>())
                    .put(
                        row.get(PROVISIONED_CONCURRENCY.QUALIFIER),
                        new CurrentAllocation(row.getValidFrom(), row.getAllocated())));
    return current;
  }

  private boolean isStale(StoredFunction existing) {
    return at.isBefore(existing.lastSeen())
        || (existing.deletedAt() != null && !at.isAfter(existing.deletedAt()));
  }

  private void updateAttributes(StoredFunction existing, FunctionSnapshot snapshot) {
    boolean wasDeleted = existing.deletedAt() != null;
    boolean changed =
        !existing.arn().equals(snapshot.arn())
            || !Objects.equals(existing.runtime(), snapshot.runtime())
            || !existing.packageType().equals(snapshot.packageType());
    if (wasDeleted) {
      restored++;
    }
    if (changed || wasDeleted) {
      dsl.update(LAMBDA_FUNCTION)
          .set(LAMBDA_FUNCTION.FUNCTION_ARN, snapshot.arn())
          .set(LAMBDA_FUNCTION.RUNTIME, snapshot.runtime())
          .set(LAMBDA_FUNCTION.PACKAGE_TYPE, snapshot.packageType())
          .setNull(LAMBDA_FUNCTION.DELETED_AT)
          .where(LAMBDA_FUNCTION.ID.eq(existing.id()))
          .execute();
    }
  }

  private void recordConfiguration(
      long id, CurrentConfiguration current, FunctionSnapshot snapshot) {
    FunctionConfiguration observed = snapshot.configuration();
    Instant changedAt = at;
    if (current != null) {
      if (current.configuration().equals(observed) || !at.isAfter(current.validFrom())) {
        return;
      }
      changedAt = changedAt(current, snapshot.lastModified());
      dsl.update(FUNCTION_CONFIG)
          .set(FUNCTION_CONFIG.VALID_TO, changedAt)
          .where(FUNCTION_CONFIG.FUNCTION_ID.eq(id))
          .and(FUNCTION_CONFIG.VALID_FROM.eq(current.validFrom()))
          .execute();
      configurationChanges++;
    }
    newConfigurations.add(Rows.configurationRecord(id, changedAt, observed));
  }

  /**
   * When a changed configuration took effect: Lambda's {@code LastModified} if it lies after the
   * current configuration's start and not after the observation, else the observation.
   */
  private Instant changedAt(CurrentConfiguration current, Instant lastModified) {
    if (lastModified != null
        && lastModified.isAfter(current.validFrom())
        && !lastModified.isAfter(at)) {
      return lastModified;
    }
    return at;
  }

  private void recordTags(long id, Map<String, String> current, Map<String, String> observed) {
    if (current.equals(observed)) {
      return;
    }
    functionsWithReplacedTags.add(id);
    observed.forEach((key, value) -> newTags.add(new FunctionTagRecord(id, key, value)));
    tagChanges++;
  }

  private void recordAllocations(
      long id, Map<String, CurrentAllocation> current, FunctionSnapshot snapshot) {
    Map<String, Integer> observed = new LinkedHashMap<>();
    for (ProvisionedConcurrency allocation : snapshot.provisionedConcurrency()) {
      if (allocation.allocated() > 0) {
        observed.put(allocation.qualifier(), allocation.allocated());
      }
    }
    current.forEach(
        (qualifier, allocation) -> {
          Integer now = observed.get(qualifier);
          if (now == null || now != allocation.allocated()) {
            closeAllocation(id, qualifier, allocation);
          }
        });
    observed.forEach(
        (qualifier, allocated) -> {
          CurrentAllocation before = current.get(qualifier);
          if (before == null || before.allocated() != allocated) {
            newAllocations.add(
                new ProvisionedConcurrencyRecord(
                    id, qualifier, at, null, allocated, Provenance.OBSERVED.name(), null));
            allocationChanges++;
          }
        });
  }

  private void closeAllocation(long id, String qualifier, CurrentAllocation allocation) {
    Condition row =
        PROVISIONED_CONCURRENCY
            .FUNCTION_ID
            .eq(id)
            .and(PROVISIONED_CONCURRENCY.QUALIFIER.eq(qualifier))
            .and(PROVISIONED_CONCURRENCY.VALID_FROM.eq(allocation.validFrom()));
    if (at.isAfter(allocation.validFrom())) {
      dsl.update(PROVISIONED_CONCURRENCY)
          .set(PROVISIONED_CONCURRENCY.VALID_TO, at)
          .where(row)
          .execute();
    } else {
      // Opened at this very instant by an earlier write of the same observation.
      dsl.deleteFrom(PROVISIONED_CONCURRENCY).where(row).execute();
    }
    allocationChanges++;
  }

  private void writeCollectedRows() {
    // Plain inserts: a period opens at this observation only where none is current, and an
    // observation at or before a current period's start is ignored, so none can exist yet.
    Upserts.insert(dsl, FUNCTION_CONFIG, List.of(FUNCTION_CONFIG.fields()), newConfigurations);
    for (List<Long> chunk : Chunks.of(functionsWithReplacedTags)) {
      dsl.deleteFrom(FUNCTION_TAG).where(FUNCTION_TAG.FUNCTION_ID.in(chunk)).execute();
    }
    Upserts.insert(dsl, FUNCTION_TAG, List.of(FUNCTION_TAG.fields()), newTags);
    Upserts.upsert(
        dsl,
        PROVISIONED_CONCURRENCY,
        newAllocations,
        List.of(
            PROVISIONED_CONCURRENCY.FUNCTION_ID,
            PROVISIONED_CONCURRENCY.QUALIFIER,
            PROVISIONED_CONCURRENCY.VALID_FROM),
        List.of(PROVISIONED_CONCURRENCY.ALLOCATED, PROVISIONED_CONCURRENCY.VALID_TO),
        null);
  }

  private void touchLastSeen(List<String> names) {
    if (listing.complete()) {
      // Every function of the shard still not deleted was listed (the others have just been
      // marked deleted, the stale ones are newer than this observation).
      dsl.update(LAMBDA_FUNCTION)
          .set(LAMBDA_FUNCTION.LAST_SEEN, at)
          .where(inShard())
          .and(LAMBDA_FUNCTION.DELETED_AT.isNull())
          .and(LAMBDA_FUNCTION.LAST_SEEN.lt(at))
          .execute();
      return;
    }
    for (List<String> chunk : Chunks.of(names)) {
      dsl.update(LAMBDA_FUNCTION)
          .set(LAMBDA_FUNCTION.LAST_SEEN, at)
          .where(inShard())
          .and(LAMBDA_FUNCTION.FUNCTION_NAME.in(chunk))
          .and(LAMBDA_FUNCTION.LAST_SEEN.lt(at))
          .execute();
    }
  }

  private void markMissingDeleted(Map<String, StoredFunction> stored) {
    Set<String> listed =
        listing.functions().stream().map(f -> f.key().name()).collect(Collectors.toSet());
    List<Long> missing =
        stored.entrySet().stream()
            .filter(entry -> !listed.contains(entry.getKey()))
            .map(Map.Entry::getValue)
            .filter(function -> function.deletedAt() == null && function.lastSeen().isBefore(at))
            .map(StoredFunction::id)
            .toList();
    for (List<Long> chunk : Chunks.of(missing)) {
      dsl.update(LAMBDA_FUNCTION)
          .set(LAMBDA_FUNCTION.DELETED_AT, at)
          .where(LAMBDA_FUNCTION.ID.in(chunk))
          .execute();
      for (PeriodTable periods : FunctionRows.PERIOD_TABLES) {
        dsl.update(periods.table())
            .set(periods.validTo(), at)
            .where(periods.functionId().in(chunk))
            .and(periods.validTo().isNull())
            .and(periods.validFrom().lt(at))
            .execute();
      }
    }
    deleted += missing.size();
  }
}
