package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.EmptySchema;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * V3 creates the month rollup and fills it from the days rolled up before it existed; V9 then drops
 * the bounds nothing read, keeping the rows.
 */
class UsageMonthMigrationTest {

  @OnEachDatabase
  void upgradingFillsTheMonthRollupFromTheDays(DatabaseKind kind) throws SQLException {
    try (EmptySchema schema = TestDatabases.emptySchema(kind);
        Connection connection = DriverManager.getConnection(schema.settings().url())) {
      FluentConfiguration flyway =
          Flyway.configure()
              .dataSource(schema.settings().url(), null, null)
              .locations(Database.MIGRATIONS_LOCATION);
      flyway.target("2").load().migrate();
      SQLDialect dialect = kind == DatabaseKind.H2 ? SQLDialect.H2 : SQLDialect.POSTGRES;
      DSLContext dsl =
          DSL.using(
              connection, dialect, new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER));
      Instant seen = Instant.parse("2026-10-01T00:00:00Z");
      dsl.insertInto(ACCOUNT).values("111111111111", null, "111111111111").execute();
      long id =
          dsl.insertInto(LAMBDA_FUNCTION)
              .set(LAMBDA_FUNCTION.ACCOUNT_ID, "111111111111")
              .set(LAMBDA_FUNCTION.REGION, "us-east-1")
              .set(LAMBDA_FUNCTION.FUNCTION_NAME, "api")
              .set(LAMBDA_FUNCTION.FUNCTION_ARN, "arn")
              .set(LAMBDA_FUNCTION.PACKAGE_TYPE, "Zip")
              .set(LAMBDA_FUNCTION.FIRST_SEEN, seen)
              .set(LAMBDA_FUNCTION.LAST_SEEN, seen)
              .returning(LAMBDA_FUNCTION.ID)
              .fetchOne()
              .getId();
      // the day rows as the schema of V2 had them (with the bounds V9 drops)
      day(dsl, id, "2026-10-30T00:00:00Z", 1024, 10);
      day(dsl, id, "2026-10-31T00:00:00Z", 1024, 20);
      day(dsl, id, "2026-10-31T00:00:00Z", 2048, 5);
      day(dsl, id, "2026-11-01T00:00:00Z", 2048, 7);

      flyway.target("latest").load().migrate();

      List<String> months =
          dsl.selectFrom(USAGE_MONTH)
              .orderBy(USAGE_MONTH.MONTH_START, USAGE_MONTH.MEMORY_MB)
              .fetch(
                  row ->
                      row.getMonthStart() + " " + row.getMemoryMb() + " MB " + row.getRequests());
      assertThat(months)
          .containsExactly(
              "2026-10-01T00:00:00Z 1024 MB 30",
              "2026-10-01T00:00:00Z 2048 MB 5",
              "2026-11-01T00:00:00Z 2048 MB 7");
      assertThat(
              dsl.select(USAGE_MONTH.DURATION_MS_SUM)
                  .from(USAGE_MONTH)
                  .where(USAGE_MONTH.MEMORY_MB.eq(1024))
                  .fetchOne()
                  .value1())
          .isEqualByComparingTo("30");
      assertThat(dsl.selectFrom(table("usage_month")).fetch().fields())
          .extracting(field -> field.getName().toLowerCase(Locale.ROOT))
          .doesNotContain("gb_s_lower", "billed_ms_upper", "concurrent_executions_max");
    }
  }

  private static void day(DSLContext dsl, long id, String start, int memoryMb, long requests) {
    Instant day = Instant.parse(start);
    dsl.insertInto(table("usage_day"))
        .set(field("function_id"), id)
        .set(field("day_start"), day)
        .set(field("memory_mb"), memoryMb)
        .set(field("architecture"), "x86_64")
        .set(field("ephemeral_mb"), 512)
        .set(field("requests"), requests)
        .set(field("duration_ms_sum"), BigDecimal.valueOf(requests))
        .set(field("billed_ms_lower"), requests)
        .set(field("billed_ms_upper"), requests)
        .set(field("gb_s_lower"), BigDecimal.valueOf(requests, 3))
        .set(field("gb_s_upper"), BigDecimal.valueOf(requests, 3))
        .set(field("storage_gb_s_lower"), BigDecimal.ZERO)
        .set(field("storage_gb_s_upper"), BigDecimal.ZERO)
        .set(field("pc_allocated_s"), BigDecimal.ZERO)
        .set(field("pc_gb_s"), BigDecimal.ZERO)
        .set(field("pc_requests"), 0L)
        .set(field("pc_spillover_requests"), 0L)
        .set(field("pc_duration_ms_est"), BigDecimal.ZERO)
        .set(field("errors"), 0L)
        .set(field("throttles"), 0L)
        .set(field("dead_letter_errors"), 0L)
        .set(field("computed_at"), day.plusSeconds(3600))
        .execute();
  }
}
