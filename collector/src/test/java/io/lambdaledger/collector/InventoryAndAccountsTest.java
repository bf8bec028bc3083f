package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatedFunction;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The inventory finds every function, tagged or not, with its configuration, tags (from the tagging
 * API, or from ListTags when that fails) and provisioned concurrency; accounts are reached by
 * assuming a role with an external ID.
 */
class InventoryAndAccountsTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-09-03T10:02:00Z");

  @Test
  void everyFunctionTaggedOrNotIsListedWithItsConfigurationTagsAndProvisionedConcurrency() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            CollectorHarness.simulation(130, 9, START),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);
      ShardReport report = collector.runOnce().shards().get(0);
      assertThat(collector.awaitEnrichment(Duration.ofMinutes(1))).isTrue();

      assertThat(report.calls("GetResources")).isPositive();
      assertThat(harness.sim.stats().calls("ListTags")).isZero();
      assertInventoryMatchesTheSimulator(harness);
    }
  }

  @Test
  void whenTheTaggingApiFailsTagsComeFromListTags() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            CollectorHarness.simulation(40, 9, START)
                .withFaults(Faults.parse("GetResources.error=1")),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);
      ShardReport report = collector.runOnce().shards().get(0);
      assertThat(collector.awaitEnrichment(Duration.ofMinutes(1))).isTrue();

      assertThat(report.failed()).as(report.summary()).isFalse();
      assertThat(report.unread())
          .startsWith("Tagging GetResources: HTTP 500 InternalServiceException");
      assertThat(harness.sim.stats().calls("ListTags")).isEqualTo(40);
      assertInventoryMatchesTheSimulator(harness);
    }
  }

  @Test
  void anAccountIsReachedByAssumingItsRoleWithTheExternalId() {
    SimulatorSettings simulator =
        SimulatorSettings.defaults()
            .withFunctions(60)
            .withAccounts(2)
            .withSeed(2)
            .withStart(START)
            .withExternalId("ledger-7f3c");
    try (CollectorHarness harness = CollectorHarness.start(DatabaseKind.H2, simulator, NOW)) {
      String member = harness.sim.accounts().get(1);
      String role = "arn:aws:iam::" + member + ":role/LambdaLedgerReader";
      Collector right = harness.collector(member(member, role, "ledger-7f3c", harness.account()));
      Collector wrong = harness.collector(member(member, role, "not-the-id", null));

      CycleReport refused = wrong.runOnce();
      CycleReport collected = right.runOnce();

      assertThat(refused.succeeded()).isFalse();
      assertThat(refused.shards().get(0).error()).contains("AccessDenied");
      assertThat(collected.succeeded()).as("%s", collected.failures()).isTrue();
      assertThat(collected.shards().get(0).shard().accountId()).isEqualTo(member);
      List<LambdaFunction> stored =
          new InventoryStore(harness.dsl()).listFunctions(AccountScope.all(), true);
      assertThat(stored)
          .isNotEmpty()
          .allMatch(function -> function.key().accountId().equals(member));
      assertThat(stored.get(0).payerAccountId()).isEqualTo(harness.account());
      assertThat(stored)
          .hasSize(
              (int)
                  harness.sim.functions().stream()
                      .filter(function -> function.account().equals(member))
                      .count());
    }
  }

  private static void assertInventoryMatchesTheSimulator(CollectorHarness harness) {
    Map<String, LambdaFunction> stored =
        new InventoryStore(harness.dsl())
            .listFunctions(AccountScope.all(), true).stream()
                .collect(Collectors.toMap(function -> function.key().name(), function -> function));
    List<SimulatedFunction> expected = harness.sim.functions();
    assertThat(stored).hasSameSizeAs(expected);
    assertThat(expected).anyMatch(function -> function.tags().isEmpty());
    assertThat(expected).anyMatch(function -> function.provisionedConcurrency() > 0);
    for (SimulatedFunction function : expected) {
      LambdaFunction actual = stored.get(function.name());
      assertThat(actual).as(function.name()).isNotNull();
      assertThat(actual.configuration().memoryMb()).isEqualTo(function.memoryMb());
      assertThat(actual.configuration().architecture().id()).isEqualTo(function.architecture());
      assertThat(actual.configuration().ephemeralStorageMb())
          .isEqualTo(function.ephemeralStorageMb());
      assertThat(actual.configuration().timeoutSeconds()).isEqualTo(function.timeoutSeconds());
      assertThat(actual.runtime()).isEqualTo(function.runtime());
      assertThat(actual.tags()).isEqualTo(function.tags());
      int allocated = actual.provisionedConcurrency().stream().mapToInt(pc -> pc.allocated()).sum();
      assertThat(allocated)
          .as("provisioned concurrency of %s", function.name())
          .isEqualTo(function.provisionedConcurrency());
    }
  }

  /** The member account reached through {@code role} with {@code externalId}, in the one Region. */
  private static List<CollectionTarget> member(
      String accountId, String role, String externalId, String payerAccountId) {
    return List.of(
        new CollectionTarget(
            new AwsAccount(accountId, role, externalId),
            "member",
            payerAccountId,
            List.of(CollectorHarness.REGION)));
  }
}
