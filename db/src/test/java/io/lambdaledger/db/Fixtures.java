package io.lambdaledger.db;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.core.model.ProvisionedConcurrency;
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
