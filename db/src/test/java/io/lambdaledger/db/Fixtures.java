package io.lambdaledger.db;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small factories for store tests. */
final class Fixtures {

  static final String ACCOUNT = "111111111111";
  static final String OTHER_ACCOUNT = "222222222222";
  static final String REGION = "us-east-1";

  private Fixtures() {}

  static FunctionKey key(String name) {
    return new FunctionKey(ACCOUNT, REGION, name);
  }

  static FunctionConfiguration config(int memoryMb) {
    return new FunctionConfiguration(memoryMb, Architecture.X86_64, 512, 30);
  }

  /** Like {@link #config} on arm64. */
  static FunctionConfiguration armConfig(int memoryMb) {
    return new FunctionConfiguration(memoryMb, Architecture.ARM64, 512, 30);
  }

  static FunctionSnapshot function(String name, int memoryMb) {
    return function(key(name), config(memoryMb), Map.of(), List.of());
  }

  static FunctionSnapshot function(
      FunctionKey key,
      FunctionConfiguration configuration,
      Map<String, String> tags,
      List<ProvisionedConcurrency> provisionedConcurrency) {
    return new FunctionSnapshot(
        key,
        "arn:aws:lambda:" + key.region() + ":" + key.accountId() + ":function:" + key.name(),
        "java21",
        "Zip",
        configuration,
        tags,
        provisionedConcurrency);
  }

  /**
   * A fresh database where "api" (1024 MB) and "worker" (512 MB) were listed a day before {@code
   * at}.
   */
  static TestDatabase withApiAndWorker(DatabaseKind kind, Instant at) {
    TestDatabase db = TestDatabases.fresh(kind);
    new InventoryStore(db.dsl())
        .recordListing(
            listing(at.minusSeconds(86_400), function("api", 1024), function("worker", 512)));
    return db;
  }

  static InventoryListing listing(Instant at, FunctionSnapshot... functions) {
    return new InventoryListing(ACCOUNT, REGION, at, List.of(functions), true);
  }

  static InventoryListing partialListing(Instant at, FunctionSnapshot... functions) {
    return new InventoryListing(ACCOUNT, REGION, at, List.of(functions), false);
  }

  static MetricSample sample(
      FunctionKey key, Instant start, int periodSeconds, long invocations, String durationMs) {
    return MetricSample.builder(key, start, periodSeconds)
        .invocations(invocations)
        .durationMsSum(new BigDecimal(durationMs))
        .collectedAt(start.plusSeconds(periodSeconds + 60L))
        .build();
  }

  static Instant t(String iso) {
    return Instant.parse(iso);
  }
}
