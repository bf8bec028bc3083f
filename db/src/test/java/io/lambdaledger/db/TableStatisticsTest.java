package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.function;
import static io.lambdaledger.db.Fixtures.listing;
import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class TableStatisticsTest {

  @Test
  void aLargeFirstListingLeavesPostgresqlWithStatisticsOfTheRealSize() {
    try (TestDatabase db = TestDatabases.postgres()) {
      InventoryStore store = new InventoryStore(db.dsl());
      assertThat(estimatedRows(db.dsl(), "lambda_function")).isLessThan(0);

      store.recordListing(
          listing(
              t("2026-10-01T00:00:00Z"),
              IntStream.range(0, 1_500)
                  .mapToObj(i -> function("fn-" + i, 128))
                  .toArray(FunctionSnapshot[]::new)));

      assertThat(estimatedRows(db.dsl(), "lambda_function")).isEqualTo(1_500);
      assertThat(estimatedRows(db.dsl(), "function_config")).isEqualTo(1_500);
    }
  }

  @Test
  void aSmallListingLeavesStatisticsToAutovacuum() {
    try (TestDatabase db = TestDatabases.postgres()) {
      new InventoryStore(db.dsl())
          .recordListing(listing(t("2026-10-01T00:00:00Z"), function("fn", 128)));

      assertThat(estimatedRows(db.dsl(), "lambda_function")).isLessThan(0);
    }
  }

  /** PostgreSQL's row estimate: -1 until the table is first analyzed. */
  private static long estimatedRows(DSLContext dsl, String table) {
    Object estimate =
        dsl.fetchValue(
            "select c.reltuples::bigint from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = current_schema() and c.relname = ?",
            table);
    return ((Number) estimate).longValue();
  }
}
