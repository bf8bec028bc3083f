package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.jooq.tables.records.UsageDayRecord;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.EmptySchema;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** V3 creates the month rollup and fills it from the days rolled up before it existed. */
class UsageMonthMigrationTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
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
      dsl.batchInsert(
              day(id, "2026-10-30T00:00:00Z", 1024, 10),
              day(id, "2026-10-31T00:00:00Z", 1024, 20),
              day(id, "2026-10-31T00:00:00Z", 2048, 5),
              day(id, "2026-11-01T00:00:00Z", 2048, 7))
          .execute();

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
              dsl.select(USAGE_MONTH.GB_S_LOWER)
                  .from(USAGE_MONTH)
                  .where(USAGE_MONTH.MEMORY_MB.eq(1024))
                  .fetchOne()
                  .value1())
          .isEqualByComparingTo("0.030");
    }
  }

  private static UsageDayRecord day(long id, String start, int memoryMb, long requests) {
    UsageDayRecord row = new UsageDayRecord();
    row.setFunctionId(id);
    row.setDayStart(Instant.parse(start));
    row.setMemoryMb(memoryMb);
    row.setArchitecture("x86_64");
    row.setEphemeralMb(512);
    Measures.set(
        row,
        new UsageTotals(
            requests,
            BigDecimal.valueOf(requests),
            requests,
            requests,
            BigDecimal.valueOf(requests, 3),
            BigDecimal.valueOf(requests, 3),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            0,
            0,
            BigDecimal.ZERO,
            0,
            0,
            0,
            null,
            null));
    row.setComputedAt(Instant.parse(start).plusSeconds(3600));
    return row;
  }
}
