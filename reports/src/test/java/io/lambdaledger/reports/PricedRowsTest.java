package io.lambdaledger.reports;

import static io.lambdaledger.reports.Usage.arm;
import static io.lambdaledger.reports.Usage.onDemand;
import static io.lambdaledger.reports.Usage.withProvisioned;
import static io.lambdaledger.reports.Usage.x86;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Priced rows over a real inventory (H2 and PostgreSQL) and the real cost engine. */
class PricedRowsTest {

  static final YearMonth OCTOBER = YearMonth.of(2026, 10);
  static final String PAYER = "999999999999";
  static final String A = "111111111111";
  static final String B = "222222222222";
  static final String SOLO = "333333333333";
  static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";

  static final FunctionKey API = new FunctionKey(A, "us-east-1", "api");
  static final FunctionKey EVIL = new FunctionKey(A, "us-east-1", FORMULA);
  static final FunctionKey WORKER = new FunctionKey(A, "eu-west-1", "worker");
  static final FunctionKey BATCH = new FunctionKey(B, "us-east-1", "batch");
  static final FunctionKey LONE = new FunctionKey(SOLO, "us-east-1", "lone");

  static final Instant CHANGE = Instant.parse("2026-10-14T09:00:00Z");

  private final CostEngine engine = new CostEngine(PriceBooks.bundled());

  /** Two payers: an organization (A, B) past its free tier, and a standalone account. */
  static List<FunctionUsage> usage() {
    return List.of(
        onDemand(PAYER, API, x86(1024), 30_000_000, "3600000000"),
        onDemand(PAYER, EVIL, x86(128), 10, "1500"),
        onDemand(PAYER, WORKER, arm(2048), 2_000_000, "500000000.5"),
        withProvisioned(PAYER, BATCH, x86(512), 500_000, "90000000", 200_000, "30000000", 86_400),
        onDemand(PAYER, BATCH, x86(2048), 700_000, "140000000"),
        onDemand(SOLO, LONE, arm(256), 100_000, "2500000"));
  }

  static void inventory(InventoryStore store) {
    store.upsertAccount(new Account(PAYER, "Acme org", PAYER));
    store.upsertAccount(new Account(A, "payments-prod", PAYER));
    store.upsertAccount(new Account(B, null, PAYER));
    store.upsertAccount(new Account(SOLO, "sandbox", SOLO));
    Instant start = Instant.parse("2026-09-01T00:00:00Z");
    store.recordListing(
        listing(
            A,
            "us-east-1",
            start,
            snapshot(API, 1024, Architecture.X86_64, 2048, Map.of("team", "payments")),
            snapshot(EVIL, 128, Architecture.X86_64, 512, Map.of())));
    store.recordListing(
        listing(A, "eu-west-1", start, snapshot(WORKER, 2048, Architecture.ARM64, 512, Map.of())));
    store.recordListing(
        listing(
            B,
            "us-east-1",
            start,
            snapshot(BATCH, 512, Architecture.X86_64, 512, Map.of("team", "+cmd"))));
    store.recordListing(
        listing(
            B,
            "us-east-1",
            CHANGE,
            snapshot(BATCH, 2048, Architecture.X86_64, 512, Map.of("team", "+cmd"))));
    store.recordListing(
        listing(SOLO, "us-east-1", start, snapshot(LONE, 256, Architecture.ARM64, 512, Map.of())));
  }

  private static InventoryListing listing(
      String account, String region, Instant at, FunctionSnapshot... functions) {
    return new InventoryListing(account, region, at, List.of(functions), true);
  }

  private static FunctionSnapshot snapshot(
      FunctionKey key,
      int memoryMb,
      Architecture architecture,
      int ephemeralMb,
      Map<String, String> tags) {
    return new FunctionSnapshot(
        key,
        "arn:aws:lambda:" + key.region() + ":" + key.accountId() + ":function:" + key.name(),
        "java21",
        "Zip",
        new FunctionConfiguration(memoryMb, architecture, ephemeralMb, 30),
        tags,
        List.of());
  }

  private List<ReportRow> rows(TestDatabase db, AccountScope scope) throws IOException {
    return rows(db, scope, usage());
  }

  private List<ReportRow> rows(TestDatabase db, AccountScope scope, List<FunctionUsage> usage)
      throws IOException {
    InventoryStore store = new InventoryStore(db.dsl());
    List<ReportRow> rows = new ArrayList<>();
    new PricedRows(store, PriceBooks.bundled()).rows(OCTOBER, usage, scope, rows::add);
    return rows;
  }

  private CostReport engineAlone() {
    return engine.price(
        OCTOBER, usage().stream().map(UsageLines::from).toList(), CostOptions.DEFAULT);
  }

  private static BigDecimal total(List<ReportRow> rows) {
    return rows.stream().map(ReportRow::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void rowsAddUpToTheCostEngineTotalToTheCent(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      inventory(new InventoryStore(db.dsl()));

      List<ReportRow> rows = rows(db, AccountScope.all());

      assertThat(total(rows)).isEqualByComparingTo(engineAlone().total());
      assertThat(total(rows)).isPositive();
      assertThat(rows)
          .allSatisfy(
              row ->
                  assertThat(row.totalCost())
                      .isEqualByComparingTo(
                          row.charges().stream()
                              .map(ChargeLine::cost)
                              .reduce(BigDecimal.ZERO, BigDecimal::add)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void rowsAreSortedByAccountRegionFunctionAndConfigurationHistory(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      inventory(new InventoryStore(db.dsl()));

      List<ReportRow> rows = rows(db, AccountScope.all());

      assertThat(rows)
          .extracting(
              ReportRow::accountId, ReportRow::region, ReportRow::functionName, ReportRow::memoryMb)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(A, "eu-west-1", "worker", 2048),
              org.assertj.core.groups.Tuple.tuple(A, "us-east-1", FORMULA, 128),
              org.assertj.core.groups.Tuple.tuple(A, "us-east-1", "api", 1024),
              org.assertj.core.groups.Tuple.tuple(B, "us-east-1", "batch", 512),
              org.assertj.core.groups.Tuple.tuple(B, "us-east-1", "batch", 2048),
              org.assertj.core.groups.Tuple.tuple(SOLO, "us-east-1", "lone", 256));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void aConfigurationChangeGivesOneRowPerConfigurationAndSaysSo(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      inventory(new InventoryStore(db.dsl()));

      List<ReportRow> batch =
          rows(db, AccountScope.all()).stream()
              .filter(row -> row.functionName().equals("batch"))
              .toList();

      assertThat(batch).hasSize(2);
      assertThat(batch.get(0).notes())
          .containsExactly(
              "configuration changed during the month: row 1 of 2, x86_64 512 MB, in force from"
                  + " 2026-10-01T00:00:00Z");
      assertThat(batch.get(1).notes())
          .containsExactly(
              "configuration changed during the month: row 2 of 2, x86_64 2048 MB, in force from "
                  + CHANGE);
      assertThat(rows(db, AccountScope.all()).get(2).notes()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void filteringAccountsListsFewerRowsWithTheSameAmounts(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      inventory(new InventoryStore(db.dsl()));

      List<ReportRow> all = rows(db, AccountScope.all());
      List<ReportRow> onlyB = rows(db, AccountScope.only(List.of(B)));

      assertThat(onlyB).extracting(ReportRow::accountId).containsOnly(B);
      assertThat(onlyB)
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(
              all.stream().filter(row -> row.accountId().equals(B)).toList());
      Map<String, io.lambdaledger.core.cost.Charges> byAccount =
          engineAlone().sumBy(line -> line.line().account());
      assertThat(total(onlyB)).isEqualByComparingTo(byAccount.get(B).total());
      assertThat(rows(db, AccountScope.only(List.of()))).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void rowsCarryInventoryNamesArnsTagsAndTheChargesThatApply(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      inventory(new InventoryStore(db.dsl()));

      List<ReportRow> rows = rows(db, AccountScope.all());
      ReportRow api = rows.get(2);
      ReportRow batchProvisioned = rows.get(3);
      ReportRow lone = rows.get(5);

      assertThat(api.payerAccountName()).isEqualTo("Acme org");
      assertThat(api.accountName()).isEqualTo("payments-prod");
      assertThat(api.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:111111111111:function:api");
      assertThat(api.tags()).containsEntry("team", "payments");
      assertThat(api.requests()).isEqualTo(30_000_000);
      assertThat(api.gbSeconds()).isEqualByComparingTo("3600000");
      assertThat(api.priceVersion()).isNotBlank();
      assertThat(api.currency()).isEqualTo("USD");
      assertThat(api.charges())
          .extracting(ChargeLine::kind)
          .containsExactly(ChargeKind.REQUESTS, ChargeKind.DURATION);
      assertThat(api.charges())
          .extracting(ChargeLine::usageType)
          .containsExactly("Request", "Lambda-GB-Second");
      assertThat(batchProvisioned.charges())
          .extracting(ChargeLine::kind)
          .containsExactly(
              ChargeKind.REQUESTS,
              ChargeKind.DURATION,
              ChargeKind.PROVISIONED_CONCURRENCY,
              ChargeKind.PROVISIONED_DURATION);
      assertThat(batchProvisioned.tags()).containsEntry("team", "+cmd");
      assertThat(lone.payerAccountId()).isEqualTo(SOLO);
      assertThat(lone.totalCost()).isEqualByComparingTo("0.00");
      assertThat(lone.freeTierCredit()).isPositive();
    }
  }
}
