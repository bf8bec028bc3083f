package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.PRICE;
import static io.lambdaledger.db.jooq.Tables.PRICE_BOOK;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import io.lambdaledger.core.pricing.Price;
import io.lambdaledger.core.pricing.PriceBasis;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.TierRange;
import io.lambdaledger.db.jooq.tables.records.PriceRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Price-book versions loaded from the AWS Price List API ({@code prices refresh}). Saving a version
 * again replaces its prices, so a refresh that is repeated or interrupted leaves one complete copy.
 */
public final class PriceBookStore {
  private final DSLContext dsl;
  private final Clock clock;

  public PriceBookStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Stores (or replaces) one version with all its prices, atomically. */
  public void save(PriceBook book) {
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.insertInto(
                  PRICE_BOOK,
                  PRICE_BOOK.VERSION,
                  PRICE_BOOK.EFFECTIVE_DATE,
                  PRICE_BOOK.SOURCE,
                  PRICE_BOOK.CURRENCY,
                  PRICE_BOOK.LOADED_AT)
              .values(book.version(), book.effectiveDate(), book.source(), "USD", clock.instant())
              .onConflict(PRICE_BOOK.VERSION)
              .doUpdate()
              .set(PRICE_BOOK.EFFECTIVE_DATE, book.effectiveDate())
              .set(PRICE_BOOK.SOURCE, book.source())
              .set(PRICE_BOOK.LOADED_AT, clock.instant())
              .execute();
          t.deleteFrom(PRICE).where(PRICE.VERSION.eq(book.version())).execute();
          List<PriceRecord> rows = new ArrayList<>();
          for (Price price : book.prices()) {
            rows.add(row(t, book.version(), price));
          }
          t.batchInsert(rows).execute();
        });
  }

  /** Every stored version, oldest effective date first. */
  public List<PriceBook> load() {
    Map<String, List<Price>> prices = new LinkedHashMap<>();
    dsl.selectFrom(PRICE)
        .orderBy(PRICE.VERSION, PRICE.REGION, PRICE.PRICE_GROUP, PRICE.TIER_BEGIN)
        .forEach(r -> prices.computeIfAbsent(r.getVersion(), v -> new ArrayList<>()).add(price(r)));
    List<PriceBook> books = new ArrayList<>();
    dsl.selectFrom(PRICE_BOOK)
        .orderBy(PRICE_BOOK.EFFECTIVE_DATE, PRICE_BOOK.VERSION)
        .forEach(
            b ->
                books.add(
                    new PriceBook(
                        b.getVersion(),
                        b.getEffectiveDate(),
                        b.getSource(),
                        FreeTierAllowance.STANDARD,
                        prices.getOrDefault(b.getVersion(), List.of()))));
    return books;
  }

  private static PriceRecord row(DSLContext t, String version, Price price) {
    PriceRecord row = t.newRecord(PRICE);
    row.setVersion(version);
    row.setRegion(price.region());
    row.setPriceGroup(price.group().key());
    row.setArchitecture(price.architecture().id());
    row.setTierBegin(price.range().begin());
    row.setTierEnd(price.range().end());
    row.setUnitPrice(price.unitPrice());
    row.setUnit(price.unit());
    row.setUsageType(price.usageType());
    row.setDerived(price.basis() == PriceBasis.DERIVED);
    row.setLocation(price.location());
    row.setSku(price.sku());
    row.setRateCode(price.rateCode());
    row.setDescription(price.description());
    return row;
  }

  /** Numeric columns come back with the column's scale; tiers compare by value without it. */
  private static java.math.BigDecimal plain(java.math.BigDecimal value) {
    java.math.BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static Price price(PriceRecord r) {
    PriceGroup group =
        Arrays.stream(PriceGroup.values())
            .filter(g -> g.key().equals(r.getPriceGroup()))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("unknown stored price group " + r.getPriceGroup()));
    return new Price(
        r.getRegion(),
        r.getLocation(),
        r.getUsageType(),
        group,
        Architecture.parse(r.getArchitecture()),
        new TierRange(
            plain(r.getTierBegin()), r.getTierEnd() == null ? null : plain(r.getTierEnd())),
        r.getUnitPrice(),
        r.getUnit(),
        r.getSku(),
        r.getRateCode(),
        r.getDescription(),
        Boolean.TRUE.equals(r.getDerived()) ? PriceBasis.DERIVED : PriceBasis.PUBLISHED);
  }
}
