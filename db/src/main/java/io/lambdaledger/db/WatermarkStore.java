package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.COLLECTION_WATERMARK;
import static org.jooq.impl.DSL.excluded;

import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.jooq.tables.records.CollectionWatermarkRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/** Per account and region, the instant up to which collected metrics are final. */
public final class WatermarkStore {

  private final DSLContext dsl;
  private final Clock clock;

  public WatermarkStore(DSLContext dsl) {
    this(dsl, Clock.systemUTC());
  }

  public WatermarkStore(DSLContext dsl, Clock clock) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Moves the watermark of a shard forward to {@code completeTo}; never backwards (an earlier
   * instant leaves it where it is, also when two collectors race).
   *
   * @return the watermark after the call
   */
  public Watermark advance(String accountId, String region, Instant completeTo) {
    Instant now = clock.instant();
    // In a retried transaction: H2 emulates the upsert with MERGE, which two racing writers can
    // both turn into an insert.
    Transactions.inTransaction(dsl, tx -> advance(tx.dsl(), accountId, region, completeTo, now));
    return find(accountId, region).orElseThrow();
  }

  private static int advance(
      DSLContext dsl, String accountId, String region, Instant completeTo, Instant now) {
    return dsl.insertInto(
            COLLECTION_WATERMARK,
            COLLECTION_WATERMARK.ACCOUNT_ID,
            COLLECTION_WATERMARK.REGION,
            COLLECTION_WATERMARK.COMPLETE_TO,
            COLLECTION_WATERMARK.UPDATED_AT)
        .values(accountId, region, completeTo, now)
        .onConflict(COLLECTION_WATERMARK.ACCOUNT_ID, COLLECTION_WATERMARK.REGION)
        .doUpdate()
        .set(COLLECTION_WATERMARK.COMPLETE_TO, excluded(COLLECTION_WATERMARK.COMPLETE_TO))
        .set(COLLECTION_WATERMARK.UPDATED_AT, excluded(COLLECTION_WATERMARK.UPDATED_AT))
        .where(COLLECTION_WATERMARK.COMPLETE_TO.lt(excluded(COLLECTION_WATERMARK.COMPLETE_TO)))
        .execute();
  }

  /** The shard's watermark, if it has one. */
  public Optional<Watermark> find(String accountId, String region) {
    return dsl.selectFrom(COLLECTION_WATERMARK)
        .where(COLLECTION_WATERMARK.ACCOUNT_ID.eq(accountId))
        .and(COLLECTION_WATERMARK.REGION.eq(region))
        .fetchOptional()
        .map(WatermarkStore::toWatermark);
  }

  /** Every watermark, by account and region. */
  public List<Watermark> list() {
    return dsl.selectFrom(COLLECTION_WATERMARK)
        .orderBy(COLLECTION_WATERMARK.ACCOUNT_ID, COLLECTION_WATERMARK.REGION)
        .fetch(WatermarkStore::toWatermark);
  }

  private static Watermark toWatermark(CollectionWatermarkRecord row) {
    return new Watermark(
        row.getAccountId(), row.getRegion(), row.getCompleteTo(), row.getUpdatedAt());
  }
}
