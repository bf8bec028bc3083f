package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.FUNCTION_UNKNOWN;

import io.lambdaledger.db.jooq.tables.records.FunctionUnknownRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * What the collector does not (yet) know about functions: their provisioned concurrency or tags
 * while per-function enrichment is pending, or when the call is denied or unsupported. A row exists
 * only while the aspect is unknown, so costing and the API can warn on the lines it affects.
 */
public final class FunctionUnknownStore {

  /** What is not known. */
  public enum Aspect {
    PROVISIONED_CONCURRENCY,
    TAGS
  }

  /** Why it is not known. */
  public enum Reason {
    /** Not read yet: enrichment is on its way. */
    PENDING,
    /** The call is not allowed (a missing IAM permission). */
    DENIED,
    /** The endpoint does not offer the call. */
    UNSUPPORTED,
    /** The call failed for another reason; it is tried again. */
    FAILED
  }

  /** One unknown aspect of one function. */
  public record Unknown(
      String accountId,
      String region,
      String functionName,
      Aspect aspect,
      Reason reason,
      String detail,
      Instant since) {}

  private static final int MAX_DETAIL = 1000;
  private static final int BATCH = 500;

  private final DSLContext dsl;

  public FunctionUnknownStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Records the functions' aspect as unknown for a reason (replacing an earlier reason, keeping the
   * earliest {@code since}). Idempotent.
   */
  public void mark(
      String accountId,
      String region,
      Collection<String> functionNames,
      Aspect aspect,
      Reason reason,
      String detail,
      Instant since) {
    String shortDetail =
        detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    List<String> names = List.copyOf(functionNames);
    for (int from = 0; from < names.size(); from += BATCH) {
      List<String> chunk = names.subList(from, Math.min(names.size(), from + BATCH));
      Transactions.inTransaction(
          dsl,
          tx -> {
            var batch =
                chunk.stream()
                    .map(
                        name ->
                            tx.dsl()
                                .insertInto(FUNCTION_UNKNOWN)
                                .set(FUNCTION_UNKNOWN.ACCOUNT_ID, accountId)
                                .set(FUNCTION_UNKNOWN.REGION, region)
                                .set(FUNCTION_UNKNOWN.FUNCTION_NAME, name)
                                .set(FUNCTION_UNKNOWN.ASPECT, aspect.name())
                                .set(FUNCTION_UNKNOWN.REASON, reason.name())
                                .set(FUNCTION_UNKNOWN.DETAIL, shortDetail)
                                .set(FUNCTION_UNKNOWN.SINCE, since)
                                .onConflict(
                                    FUNCTION_UNKNOWN.ACCOUNT_ID,
                                    FUNCTION_UNKNOWN.REGION,
                                    FUNCTION_UNKNOWN.FUNCTION_NAME,
                                    FUNCTION_UNKNOWN.ASPECT)
                                .doUpdate()
                                .set(FUNCTION_UNKNOWN.REASON, reason.name())
                                .set(FUNCTION_UNKNOWN.DETAIL, shortDetail))
                    .toList();
            tx.dsl().batch(batch).execute();
            return null;
          });
    }
  }

  /** The functions' aspect is known now. */
  public void resolve(
      String accountId, String region, Collection<String> functionNames, Aspect aspect) {
    List<String> names = List.copyOf(functionNames);
    for (int from = 0; from < names.size(); from += BATCH) {
      dsl.deleteFrom(FUNCTION_UNKNOWN)
          .where(FUNCTION_UNKNOWN.ACCOUNT_ID.eq(accountId))
          .and(FUNCTION_UNKNOWN.REGION.eq(region))
          .and(FUNCTION_UNKNOWN.ASPECT.eq(aspect.name()))
          .and(
              FUNCTION_UNKNOWN.FUNCTION_NAME.in(
                  names.subList(from, Math.min(names.size(), from + BATCH))))
          .execute();
    }
  }

  /** What is unknown in every account and Region, by account, Region and function name. */
  public List<Unknown> listAll() {
    return dsl.selectFrom(FUNCTION_UNKNOWN)
        .orderBy(
            FUNCTION_UNKNOWN.ACCOUNT_ID,
            FUNCTION_UNKNOWN.REGION,
            FUNCTION_UNKNOWN.FUNCTION_NAME,
            FUNCTION_UNKNOWN.ASPECT)
        .fetch(FunctionUnknownStore::unknown);
  }

  /** What is unknown in one account and Region, by function name. */
  public List<Unknown> list(String accountId, String region) {
    return dsl.selectFrom(FUNCTION_UNKNOWN)
        .where(FUNCTION_UNKNOWN.ACCOUNT_ID.eq(accountId))
        .and(FUNCTION_UNKNOWN.REGION.eq(region))
        .orderBy(FUNCTION_UNKNOWN.FUNCTION_NAME, FUNCTION_UNKNOWN.ASPECT)
        .fetch(FunctionUnknownStore::unknown);
  }

  private static Unknown unknown(FunctionUnknownRecord row) {
    return new Unknown(
        row.getAccountId(),
        row.getRegion(),
        row.getFunctionName(),
        Aspect.valueOf(row.getAspect()),
        Reason.valueOf(row.getReason()),
        row.getDetail(),
        row.getSince());
  }
}
