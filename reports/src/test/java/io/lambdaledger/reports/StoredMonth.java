package io.lambdaledger.reports;

import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.MetricSampleStore;
import io.lambdaledger.db.UsageRollupStore;
import io.lambdaledger.db.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * A month of usage stored the way the collector stores it: inventory listings, metric samples, then
 * rollups recomputed from them. Two payers: an organization (accounts A and B) and a standalone
 * account.
 */
final class StoredMonth {

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

  static final Instant FIRST_SEEN = Instant.parse("2026-09-20T00:00:00Z");
  static final Instant CHANGE = Instant.parse("2026-10-14T09:00:00Z");
  static final Instant NOVEMBER_5 = Instant.parse("2026-11-05T12:00:00Z");

  final DSLContext dsl;
  final InventoryStore inventory;
  final UsageRollupStore usage;

  private StoredMonth(TestDatabase db, Clock clock) {
    this.dsl = db.dsl();
    this.inventory = new InventoryStore(db.dsl());
    this.usage = new UsageRollupStore(db.dsl(), clock);
  }

  /** Stores the inventory, October's and a little of November's samples, and their rollups. */
  static StoredMonth store(TestDatabase db, Clock clock) {
    StoredMonth month = new StoredMonth(db, clock);
    month.inventory();
    new MetricSampleStore(db.dsl()).upsert(samples());
    month.usage.recomputeAll(FIRST_SEEN, clock.instant());
    return month;
  }

  private void inventory() {
    inventory.upsertAccount(new Account(PAYER, "Acme org", PAYER));
    inventory.upsertAccount(new Account(A, "payments-prod", PAYER));
    inventory.upsertAccount(new Account(B, null, PAYER));
    inventory.upsertAccount(new Account(SOLO, "sandbox", SOLO));
    inventory.recordListing(
        listing(
            A,
            "us-east-1",
            FIRST_SEEN,
            snapshot(
                API,
                config(1024, Architecture.X86_64, 2048),
                Map.of("team", "payments"),
                List.of(new ProvisionedConcurrency("live", 2))),
            snapshot(EVIL, config(128, Architecture.X86_64, 512), Map.of(), List.of())));
    inventory.recordListing(
        listing(
            A,
            "eu-west-1",
            FIRST_SEEN,
            snapshot(WORKER, config(2048, Architecture.ARM64, 512), Map.of(), List.of())));
    inventory.recordListing(
        listing(
            B,
            "us-east-1",
            FIRST_SEEN,
            snapshot(
                BATCH, config(512, Architecture.X86_64, 512), Map.of("team", "+cmd"), List.of())));
    inventory.recordListing(
        listing(
            B,
            "us-east-1",
            CHANGE,
            snapshot(
                BATCH, config(2048, Architecture.X86_64, 512), Map.of("team", "+cmd"), List.of())));
    inventory.recordListing(
        listing(
            SOLO,
            "us-east-1",
            FIRST_SEEN,
            snapshot(LONE, config(256, Architecture.ARM64, 512), Map.of(), List.of())));
  }

  private static List<MetricSample> samples() {
    List<MetricSample> samples = new ArrayList<>();
    for (int day = 1; day <= 31; day += 3) {
      Instant at = OCTOBER.atDay(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
      samples.add(sample(API, at, 1_000_000, "120000000.5", 50_000));
      samples.add(sample(EVIL, at, 3, "450", 0));
      samples.add(sample(WORKER, at, 200_000, "50000000", 0));
      samples.add(sample(BATCH, at, 60_000, "9000000", 0));
      samples.add(sample(LONE, at, 10_000, "250000", 0));
    }
    Instant november = Instant.parse("2026-11-02T10:00:00Z");
    samples.add(sample(API, november, 5_000, "600000", 0));
    return samples;
  }

  private static MetricSample sample(
      FunctionKey key, Instant at, long invocations, String durationMs, long provisioned) {
    return MetricSample.builder(key, at, 3600)
        .invocations(invocations)
        .durationMsSum(new BigDecimal(durationMs))
        .provisionedConcurrencyInvocations(provisioned)
        .collectedAt(at.plusSeconds(7200))
        .build();
  }

  private static FunctionConfiguration config(
      int memoryMb, Architecture architecture, int ephemeralMb) {
    return new FunctionConfiguration(memoryMb, architecture, ephemeralMb, 30);
  }

  private static InventoryListing listing(
      String account, String region, Instant at, FunctionSnapshot... functions) {
    return new InventoryListing(account, region, at, List.of(functions), true);
  }

  private static FunctionSnapshot snapshot(
      FunctionKey key,
      FunctionConfiguration configuration,
      Map<String, String> tags,
      List<ProvisionedConcurrency> provisioned) {
    return new FunctionSnapshot(
        key,
        "arn:aws:lambda:" + key.region() + ":" + key.accountId() + ":function:" + key.name(),
        "java21",
        "Zip",
        configuration,
        tags,
        provisioned);
  }
}
