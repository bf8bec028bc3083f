package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.FUNCTION_CONFIG;
import static io.lambdaledger.db.jooq.Tables.HISTORY_CURSOR;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;

import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.InferenceBound;
import io.lambdaledger.core.model.InferredConcurrency;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.FunctionRows.PeriodTable;
import io.lambdaledger.db.jooq.tables.records.FunctionConfigRecord;
import io.lambdaledger.db.jooq.tables.records.HistoryCursorRecord;
import io.lambdaledger.db.jooq.tables.records.ProvisionedConcurrencyRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Configuration and provisioned concurrency history from before a function was first observed
 * (rebuilt from CloudTrail, inferred, or unknown), the cursor of each history source, and the
 * provenance of what priced a function in a month.
 */
public final class HistoryStore {

  /** How far a history source has been read for a shard: {@code [readFrom, readTo)}. */
  public record Cursor(
      String accountId,
      String region,
      String source,
      Instant readFrom,
      Instant readTo,
      boolean denied) {}

  /**
   * What the collector first observed of a function: the configuration listed then and the
   * provisioned concurrency per qualifier (history before {@code at} is what may be rebuilt).
   *
   * @param rebuilt whether history before {@code at} has been stored already
   */
  public record FirstObservation(
      String functionName,
      Instant at,
      FunctionConfiguration configuration,
      Map<String, Integer> provisioned,
      boolean rebuilt) {

    public FirstObservation(
        String functionName,
        Instant at,
        FunctionConfiguration configuration,
        Map<String, Integer> provisioned) {
      this(functionName, at, configuration, provisioned, false);
    }
  }

  /** A configuration in force during {@code [from, to)}. */
  public record ConfigurationSpan(
      Instant from, Instant to, FunctionConfiguration configuration, Provenance provenance) {}

  /**
   * Provisioned concurrency allocated to a qualifier during {@code [from, to)}.
   *
   * @param bound how it was inferred from CloudWatch's metrics; null when it was not
   */
  public record AllocationSpan(
      String qualifier,
      Instant from,
      Instant to,
      int allocated,
      Provenance provenance,
      InferenceBound bound) {

    /** A period not inferred from CloudWatch (observed, from CloudTrail, or unknown). */
    public AllocationSpan(
        String qualifier, Instant from, Instant to, int allocated, Provenance provenance) {
      this(qualifier, from, to, allocated, provenance, null);
    }
  }

  /**
   * One function's history over {@code [from, until)}: it replaces every period not observed that
   * starts in that range.
   */
  public record Rebuilt(
      String functionName,
      Instant from,
      Instant until,
      List<ConfigurationSpan> configurations,
      List<AllocationSpan> allocations) {

    public Rebuilt {
      configurations = List.copyOf(configurations);
      allocations = List.copyOf(allocations);
    }
  }

  private static final String OBSERVED = Provenance.OBSERVED.name();

  private final DSLContext dsl;
  private final Clock clock;

  public HistoryStore(DSLContext dsl, Clock clock) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The cursor of a source for a shard, if it was ever read. */
  public Optional<Cursor> cursor(String accountId, String region, String source) {
    return dsl.selectFrom(HISTORY_CURSOR)
        .where(HISTORY_CURSOR.ACCOUNT_ID.eq(accountId))
        .and(HISTORY_CURSOR.REGION.eq(region))
        .and(HISTORY_CURSOR.SOURCE.eq(source))
        .fetchOptional()
        .map(
            row ->
                new Cursor(
                    row.getAccountId(),
                    row.getRegion(),
                    row.getSource(),
                    row.getReadFrom(),
                    row.getReadTo(),
                    row.getDenied()));
  }

  /** Creates or replaces the cursor. */
  public void saveCursor(Cursor cursor) {
    Transactions.inTransaction(
        dsl,
        tx ->
            Upserts.upsertOne(
                    tx.dsl(),
                    new HistoryCursorRecord(
                        cursor.accountId(),
                        cursor.region(),
                        cursor.source(),
                        cursor.readFrom(),
                        cursor.readTo(),
                        cursor.denied(),
                        clock.instant()),
                    List.of(
                        HISTORY_CURSOR.ACCOUNT_ID, HISTORY_CURSOR.REGION, HISTORY_CURSOR.SOURCE))
                .execute());
  }

  /** What was first observed of each function of the shard (deleted ones too), by name. */
  public Map<String, FirstObservation> firstObservations(String accountId, String region) {
    Condition shard = inShard(accountId, region);
    Map<Long, String> names = new HashMap<>();
    dsl.select(LAMBDA_FUNCTION.ID, LAMBDA_FUNCTION.FUNCTION_NAME)
        .from(LAMBDA_FUNCTION)
        .where(shard)
        .forEach(row -> names.put(row.value1(), row.value2()));
    Map<Long, FunctionConfigRecord> first = new HashMap<>();
    for (FunctionConfigRecord row :
        FunctionRows.configurations(dsl, shard)
            .and(FUNCTION_CONFIG.PROVENANCE.eq(OBSERVED))
            .orderBy(FUNCTION_CONFIG.FUNCTION_ID, FUNCTION_CONFIG.VALID_FROM)
            .fetchInto(FUNCTION_CONFIG)) {
      first.putIfAbsent(row.getFunctionId(), row);
    }
    Map<Long, Map<String, Integer>> provisioned = new HashMap<>();
    for (ProvisionedConcurrencyRecord row :
        FunctionRows.provisionedConcurrency(dsl, shard)
            .and(PROVISIONED_CONCURRENCY.PROVENANCE.eq(OBSERVED))
            .fetchInto(PROVISIONED_CONCURRENCY)) {
      FunctionConfigRecord configuration = first.get(row.getFunctionId());
      Instant at = configuration == null ? null : configuration.getValidFrom();
      if (at != null
          && !row.getValidFrom().isAfter(at)
          && (row.getValidTo() == null || row.getValidTo().isAfter(at))) {
        provisioned
            .computeIfAbsent(row.getFunctionId(), id -> new LinkedHashMap<>())
            .put(row.get(PROVISIONED_CONCURRENCY.QUALIFIER), row.getAllocated());
      }
    }
    java.util.Set<Long> rebuilt =
        new java.util.HashSet<>(
            dsl.selectDistinct(FUNCTION_CONFIG.FUNCTION_ID)
                .from(FUNCTION_CONFIG)
                .join(LAMBDA_FUNCTION)
                .on(LAMBDA_FUNCTION.ID.eq(FUNCTION_CONFIG.FUNCTION_ID))
                .where(shard)
                .and(FUNCTION_CONFIG.PROVENANCE.ne(OBSERVED))
                .fetch(FUNCTION_CONFIG.FUNCTION_ID));
    Map<String, FirstObservation> observations = new HashMap<>();
    first.forEach(
        (id, row) ->
            observations.put(
                names.get(id),
                new FirstObservation(
                    names.get(id),
                    row.getValidFrom(),
                    Rows.configuration(row),
                    provisioned.getOrDefault(id, Map.of()),
                    rebuilt.contains(id))));
    return observations;
  }

  /** Per function of the shard: where its earliest known configuration starts, any provenance. */
  public Map<String, Instant> earliestConfigurations(String accountId, String region) {
    return earliestByName(
        FUNCTION_CONFIG.FUNCTION_ID, FUNCTION_CONFIG.VALID_FROM, inShard(accountId, region));
  }

  /**
   * Per function of the shard with provisioned concurrency periods inferred from CloudWatch: where
   * the earliest of them starts (what was inferred need not be read again).
   */
  public Map<String, Instant> inferredFrom(String accountId, String region) {
    return earliestByName(
        PROVISIONED_CONCURRENCY.FUNCTION_ID,
        PROVISIONED_CONCURRENCY.VALID_FROM,
        inShard(accountId, region).and(PROVISIONED_CONCURRENCY.INFERRED_BOUND.isNotNull()));
  }

  /**
   * Per function name: the earliest {@code validFrom} of the period rows where {@code rows} holds.
   */
  private Map<String, Instant> earliestByName(
      TableField<?, Long> functionId, Field<Instant> validFrom, Condition rows) {
    Field<Instant> earliest = DSL.min(validFrom);
    Map<String, Instant> byName = new HashMap<>();
    FunctionRows.withFunction(dsl, functionId, LAMBDA_FUNCTION.FUNCTION_NAME, earliest)
        .where(rows)
        .groupBy(LAMBDA_FUNCTION.FUNCTION_NAME)
        .forEach(row -> byName.put(row.get(LAMBDA_FUNCTION.FUNCTION_NAME), row.get(earliest)));
    return byName;
  }

  private static Condition inShard(String accountId, String region) {
    return LAMBDA_FUNCTION.ACCOUNT_ID.eq(accountId).and(LAMBDA_FUNCTION.REGION.eq(region));
  }

  /**
   * Replaces, per function, the periods that are not observed and start in {@code [from, until)} by
   * the rebuilt ones, in one transaction. Idempotent: writing the same history twice leaves the
   * same rows. Periods are cut at {@code until} (the first observation) so they never overlap what
   * was observed. Unknown functions are skipped.
   *
   * @return the functions written
   */
  public List<FunctionKey> replace(String accountId, String region, List<Rebuilt> histories) {
    if (histories.isEmpty()) {
      return List.of();
    }
    return Transactions.inTransaction(dsl, tx -> replace(tx.dsl(), accountId, region, histories));
  }

  private static List<FunctionKey> replace(
      DSLContext dsl, String accountId, String region, List<Rebuilt> histories) {
    Map<String, Long> ids = new HashMap<>();
    dsl.select(LAMBDA_FUNCTION.FUNCTION_NAME, LAMBDA_FUNCTION.ID)
        .from(LAMBDA_FUNCTION)
        .where(LAMBDA_FUNCTION.ACCOUNT_ID.eq(accountId))
        .and(LAMBDA_FUNCTION.REGION.eq(region))
        .forEach(row -> ids.put(row.value1(), row.value2()));
    List<FunctionConfigRecord> configurations = new ArrayList<>();
    List<ProvisionedConcurrencyRecord> allocations = new ArrayList<>();
    List<FunctionKey> written = new ArrayList<>();
    for (Rebuilt history : histories) {
      Long id = ids.get(history.functionName());
      if (id == null) {
        continue;
      }
      written.add(new FunctionKey(accountId, region, history.functionName()));
      trimOverlaps(dsl, id, history);
      for (PeriodTable periods : FunctionRows.PERIOD_TABLES) {
        dsl.deleteFrom(periods.table())
            .where(periods.functionId().eq(id))
            .and(periods.provenance().ne(OBSERVED))
            .and(periods.validFrom().ge(history.from()))
            .and(periods.validFrom().lt(history.until()))
            .execute();
      }
      for (ConfigurationSpan span : history.configurations()) {
        Instant to = min(span.to(), history.until());
        if (span.from().isBefore(to)) {
          FunctionConfigRecord row =
              Rows.configurationRecord(id, span.from(), span.configuration());
          row.setValidTo(to);
          row.setProvenance(span.provenance().name());
          configurations.add(row);
        }
      }
      for (AllocationSpan span : history.allocations()) {
        Instant to = min(span.to(), history.until());
        if (span.from().isBefore(to)) {
          allocations.add(
              new ProvisionedConcurrencyRecord(
                  id,
                  span.qualifier(),
                  span.from(),
                  to,
                  span.allocated(),
                  span.provenance().name(),
                  span.bound() == null ? null : span.bound().name()));
        }
      }
    }
    Upserts.upsert(
        dsl,
        FUNCTION_CONFIG,
        configurations,
        List.of(FUNCTION_CONFIG.FUNCTION_ID, FUNCTION_CONFIG.VALID_FROM),
        FUNCTION_CONFIG.PROVENANCE.ne(DSL.inline(OBSERVED)));
    Upserts.upsert(
        dsl,
        PROVISIONED_CONCURRENCY,
        allocations,
        List.of(
            PROVISIONED_CONCURRENCY.FUNCTION_ID,
            PROVISIONED_CONCURRENCY.QUALIFIER,
            PROVISIONED_CONCURRENCY.VALID_FROM),
        PROVISIONED_CONCURRENCY.PROVENANCE.ne(DSL.inline(OBSERVED)));
    return written;
  }

  /**
   * Ends at {@code history.from()} the periods not observed that start before it and reach into it
   * (written by a pass that read from a little earlier), so that the rebuilt ones never overlap
   * them: two configurations in force at once would price the same usage twice. Provisioned
   * concurrency is trimmed for the qualifiers the history rebuilds.
   */
  private static void trimOverlaps(DSLContext dsl, long id, Rebuilt history) {
    if (!history.configurations().isEmpty()) {
      dsl.update(FUNCTION_CONFIG)
          .set(FUNCTION_CONFIG.VALID_TO, history.from())
          .where(FUNCTION_CONFIG.FUNCTION_ID.eq(id))
          .and(FUNCTION_CONFIG.PROVENANCE.ne(OBSERVED))
          .and(FUNCTION_CONFIG.VALID_FROM.lt(history.from()))
          .and(FUNCTION_CONFIG.VALID_TO.isNull().or(FUNCTION_CONFIG.VALID_TO.gt(history.from())))
          .execute();
    }
    List<String> qualifiers =
        history.allocations().stream().map(AllocationSpan::qualifier).distinct().toList();
    if (!qualifiers.isEmpty()) {
      dsl.update(PROVISIONED_CONCURRENCY)
          .set(PROVISIONED_CONCURRENCY.VALID_TO, history.from())
          .where(PROVISIONED_CONCURRENCY.FUNCTION_ID.eq(id))
          .and(PROVISIONED_CONCURRENCY.QUALIFIER.in(qualifiers))
          .and(PROVISIONED_CONCURRENCY.PROVENANCE.ne(OBSERVED))
          .and(PROVISIONED_CONCURRENCY.VALID_FROM.lt(history.from()))
          .and(
              PROVISIONED_CONCURRENCY
                  .VALID_TO
                  .isNull()
                  .or(PROVISIONED_CONCURRENCY.VALID_TO.gt(history.from())))
          .execute();
    }
  }

  /**
   * Per function with usage or provisioned concurrency in the month: the weakest provenance of the
   * periods that priced it (UNKNOWN when it had usage on a day before its earliest known
   * configuration, which was then assumed), and the provisioned concurrency GB-seconds at risk.
   * Functions whose history is all OBSERVED or CLOUDTRAIL are included with zero at risk, so that
   * every line can be annotated from one call.
   */
  public List<FunctionProvenance> provenance(YearMonth month, AccountScope scope) {
    if (!scope.unrestricted() && scope.accountIds().isEmpty()) {
      return List.of();
    }
    Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Condition inScope =
        scope.unrestricted()
            ? DSL.noCondition()
            : LAMBDA_FUNCTION.ACCOUNT_ID.in(scope.accountIds());
    Map<Long, FunctionKey> keys = new HashMap<>();
    Map<Long, Provenance> weakest = new HashMap<>();
    Map<Long, Instant> earliest = new HashMap<>();
    Map<Long, List<Memory>> memories = new HashMap<>();
    for (Record row :
        dsl.select(
                LAMBDA_FUNCTION.ID,
                LAMBDA_FUNCTION.ACCOUNT_ID,
                LAMBDA_FUNCTION.REGION,
                LAMBDA_FUNCTION.FUNCTION_NAME,
                FUNCTION_CONFIG.VALID_FROM,
                FUNCTION_CONFIG.VALID_TO,
                FUNCTION_CONFIG.MEMORY_MB,
                FUNCTION_CONFIG.PROVENANCE)
            .from(FUNCTION_CONFIG)
            .join(LAMBDA_FUNCTION)
            .on(LAMBDA_FUNCTION.ID.eq(FUNCTION_CONFIG.FUNCTION_ID))
            .where(inScope)
            .fetch()) {
      long id = row.get(LAMBDA_FUNCTION.ID);
      keys.putIfAbsent(
          id,
          new FunctionKey(
              row.get(LAMBDA_FUNCTION.ACCOUNT_ID),
              row.get(LAMBDA_FUNCTION.REGION),
              row.get(LAMBDA_FUNCTION.FUNCTION_NAME)));
      Instant from = row.get(FUNCTION_CONFIG.VALID_FROM);
      earliest.merge(id, from, HistoryStore::min);
      memories
          .computeIfAbsent(id, key -> new ArrayList<>())
          .add(
              new Memory(
                  from, row.get(FUNCTION_CONFIG.VALID_TO), row.get(FUNCTION_CONFIG.MEMORY_MB)));
      if (overlaps(from, row.get(FUNCTION_CONFIG.VALID_TO), start, end)) {
        weakest.merge(
            id, Provenance.valueOf(row.get(FUNCTION_CONFIG.PROVENANCE)), Provenance::weakest);
      }
    }
    Map<Long, BigDecimal> atRisk = new HashMap<>();
    Map<Long, InferredPeriods> inferred = new HashMap<>();
    for (Record row :
        dsl.select(
                PROVISIONED_CONCURRENCY.FUNCTION_ID,
                PROVISIONED_CONCURRENCY.VALID_FROM,
                PROVISIONED_CONCURRENCY.VALID_TO,
                PROVISIONED_CONCURRENCY.ALLOCATED,
                PROVISIONED_CONCURRENCY.PROVENANCE,
                PROVISIONED_CONCURRENCY.INFERRED_BOUND)
            .from(PROVISIONED_CONCURRENCY)
            .join(LAMBDA_FUNCTION)
            .on(LAMBDA_FUNCTION.ID.eq(PROVISIONED_CONCURRENCY.FUNCTION_ID))
            .where(inScope)
            .and(FunctionRows.provisionedDuring(start, end))
            .fetch()) {
      long id = row.get(PROVISIONED_CONCURRENCY.FUNCTION_ID);
      Provenance provenance = Provenance.valueOf(row.get(PROVISIONED_CONCURRENCY.PROVENANCE));
      weakest.merge(id, provenance, Provenance::weakest);
      Instant from = max(row.get(PROVISIONED_CONCURRENCY.VALID_FROM), start);
      Instant to = row.get(PROVISIONED_CONCURRENCY.VALID_TO);
      to = to == null || to.isAfter(end) ? end : to;
      int allocated = row.get(PROVISIONED_CONCURRENCY.ALLOCATED);
      if (provenance == Provenance.INFERRED) {
        // PC that may not have been there, or not at that amount: all of its GB-seconds
        atRisk.merge(
            id,
            gbSeconds(allocated, from, to, memories.getOrDefault(id, List.of())),
            BigDecimal::add);
      }
      String bound = row.get(PROVISIONED_CONCURRENCY.INFERRED_BOUND);
      if (bound != null) {
        inferred
            .computeIfAbsent(id, key -> new InferredPeriods())
            .add(InferenceBound.valueOf(bound), allocated, from, to);
      }
    }
    // Usage on a day before the earliest known configuration: priced with an assumed one.
    Map<Long, Instant> firstUsage = new HashMap<>();
    dsl.select(USAGE_DAY.FUNCTION_ID, DSL.min(USAGE_DAY.DAY_START))
        .from(USAGE_DAY)
        .where(USAGE_DAY.DAY_START.ge(start))
        .and(USAGE_DAY.DAY_START.lt(end))
        .and(USAGE_DAY.REQUESTS.gt(0L).or(USAGE_DAY.PC_GB_S.gt(BigDecimal.ZERO)))
        .groupBy(USAGE_DAY.FUNCTION_ID)
        .forEach(row -> firstUsage.put(row.value1(), row.value2()));
    java.util.Set<Long> usedBefore = usedBeforeHistory(firstUsage, earliest);
    List<FunctionProvenance> result = new ArrayList<>();
    for (Map.Entry<Long, FunctionKey> entry : keys.entrySet()) {
      long id = entry.getKey();
      Provenance provenance = weakest.get(id);
      if (usedBefore.contains(id)) {
        provenance = Provenance.UNKNOWN;
      }
      if (provenance == null) {
        continue; // nothing in force during the month and no usage
      }
      result.add(
          new FunctionProvenance(
              entry.getValue(),
              month,
              provenance,
              provenance == Provenance.UNKNOWN ? null : atRisk.getOrDefault(id, BigDecimal.ZERO),
              inferred.containsKey(id)
                  ? inferred.get(id).summary(memories.getOrDefault(id, List.of()))
                  : null));
    }
    result.sort(
        java.util.Comparator.comparing((FunctionProvenance p) -> p.function().accountId())
            .thenComparing(p -> p.function().region())
            .thenComparing(p -> p.function().name()));
    return result;
  }

  /**
   * Functions with usage before their earliest known configuration: a day before its day, or an
   * hour of that day before it (hours are read only for functions first known on a day of usage).
   */
  private java.util.Set<Long> usedBeforeHistory(
      Map<Long, Instant> firstUsageDay, Map<Long, Instant> earliest) {
    java.util.Set<Long> used = new java.util.HashSet<>();
    Map<Long, Instant> sameDay = new HashMap<>();
    firstUsageDay.forEach(
        (id, day) -> {
          Instant known = earliest.get(id);
          if (known == null) {
            return;
          }
          Instant knownDay = known.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
          if (day.isBefore(knownDay)) {
            used.add(id);
          } else if (day.equals(knownDay) && known.isAfter(knownDay)) {
            sameDay.put(id, known);
          }
        });
    for (List<Long> chunk : Chunks.of(new ArrayList<>(sameDay.keySet()))) {
      dsl.select(USAGE_HOUR.FUNCTION_ID, USAGE_HOUR.HOUR_START)
          .from(USAGE_HOUR)
          .where(USAGE_HOUR.FUNCTION_ID.in(chunk))
          .and(USAGE_HOUR.REQUESTS.gt(0L))
          .and(
              USAGE_HOUR.HOUR_START.ge(
                  sameDay.values().stream()
                      .min(Instant::compareTo)
                      .orElseThrow()
                      .truncatedTo(java.time.temporal.ChronoUnit.DAYS)))
          .forEach(
              row -> {
                if (row.value2().isBefore(sameDay.get(row.value1()))) {
                  used.add(row.value1());
                }
              });
    }
    return used;
  }

  /** A function's periods inferred from CloudWatch within a month. */
  private static final class InferredPeriods {
    private record Period(InferenceBound bound, int allocated, Instant from, Instant to) {}

    private final List<Period> periods = new ArrayList<>();

    void add(InferenceBound bound, int allocated, Instant from, Instant to) {
      if (from.isBefore(to)) {
        periods.add(new Period(bound, allocated, from, to));
      }
    }

    /** The month's summary; null when no period of it showed provisioned concurrency. */
    InferredConcurrency summary(List<Memory> memories) {
      int most = 0;
      InferenceBound weakest = null;
      BigDecimal priced = BigDecimal.ZERO;
      for (Period period : periods) {
        if (period.allocated() > 0) {
          most = Math.max(most, period.allocated());
          weakest =
              weakest == null || period.bound().compareTo(weakest) > 0 ? period.bound() : weakest;
          priced = priced.add(gbSeconds(period.allocated(), period.from(), period.to(), memories));
        }
      }
      if (weakest == null) {
        return null;
      }
      BigDecimal missing = BigDecimal.ZERO;
      for (Period period : periods) {
        if (period.bound() == InferenceBound.NO_EVIDENCE) {
          missing = missing.add(gbSeconds(most, period.from(), period.to(), memories));
        }
      }
      return new InferredConcurrency(most, weakest, priced, missing);
    }
  }

  /** A function's memory during {@code [from, to)}. */
  private record Memory(Instant from, Instant to, int memoryMb) {}

  /**
   * allocated × seconds × GB over {@code [from, to)} (whole seconds, core's one formula: {@link
   * GbSeconds}), with the memory in force in each part (before the earliest known configuration,
   * the earliest one: as the rollups price it).
   */
  private static BigDecimal gbSeconds(
      int allocated, Instant from, Instant to, List<Memory> memories) {
    BigDecimal total = BigDecimal.ZERO;
    Instant earliest =
        memories.stream().map(Memory::from).min(Instant::compareTo).orElse(Instant.MIN);
    for (Memory memory : memories) {
      Instant a = max(from, memory.from().equals(earliest) ? Instant.MIN : memory.from());
      Instant b = memory.to() == null || memory.to().isAfter(to) ? to : memory.to();
      if (a.isBefore(b)) {
        long milliseconds = java.time.Duration.between(a, b).toSeconds() * 1000;
        total =
            total.add(
                GbSeconds.of(
                    BigDecimal.valueOf(allocated).multiply(BigDecimal.valueOf(milliseconds)),
                    memory.memoryMb()));
      }
    }
    return total;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static boolean overlaps(Instant from, Instant to, Instant start, Instant end) {
    return from.isBefore(end) && (to == null || to.isAfter(start));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
