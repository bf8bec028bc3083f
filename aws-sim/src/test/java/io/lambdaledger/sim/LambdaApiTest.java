package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The Lambda control plane through the real SDK client (REST-JSON). */
class LambdaApiTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static AwsSimulator sim;
  static LambdaClient lambda;

  @BeforeAll
  static void start() {
    sim = AwsSimulator.start(TestSettings.at(NOW, 1000, 7));
    lambda = Sdk.lambda(sim.endpoint(), "us-east-1");
  }

  @AfterAll
  static void stop() {
    lambda.close();
    sim.close();
  }

  @Test
  void listingOneThousandFunctionsTakesTwentyPagesOfFifty() {
    long callsBefore = sim.stats().calls("ListFunctions");
    List<ListFunctionsResponse> pages = new ArrayList<>();
    lambda.listFunctionsPaginator().forEach(pages::add);

    assertThat(pages).hasSize(20);
    assertThat(pages).allSatisfy(p -> assertThat(p.functions()).hasSize(50));
    assertThat(pages.get(19).nextMarker()).isNull();
    List<String> names =
        pages.stream()
            .flatMap(p -> p.functions().stream())
            .map(FunctionConfiguration::functionName)
            .toList();
    assertThat(new HashSet<>(names)).hasSize(1000);
    assertThat(names).isSorted();
    assertThat(sim.stats().calls("ListFunctions") - callsBefore).isEqualTo(20);
  }

  @Test
  void maxItemsAboveFiftyStillAnswersFifty() {
    ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(500));
    assertThat(page.functions()).hasSize(50);
    assertThat(page.nextMarker()).isNotNull();
    assertThat(lambda.listFunctions(b -> b.maxItems(7)).functions()).hasSize(7);
  }

  @Test
  void functionConfigurationsCarryWhatTheCostModelNeeds() {
    List<FunctionConfiguration> all = new ArrayList<>();
    lambda.listFunctionsPaginator().functions().forEach(all::add);
    assertThat(all)
        .allSatisfy(
            f -> {
              assertThat(f.memorySize()).isBetween(128, 10_240);
              assertThat(f.architectures()).hasSize(1);
              assertThat(f.ephemeralStorage().size()).isBetween(512, 10_240);
              assertThat(f.functionArn())
                  .isEqualTo(
                      "arn:aws:lambda:us-east-1:"
                          + sim.accounts().get(0)
                          + ":function:"
                          + f.functionName());
            });
    assertThat(all)
        .extracting(f -> f.architectures().get(0))
        .contains(Architecture.ARM64, Architecture.X86_64);
    assertThat(all).extracting(FunctionConfiguration::memorySize).contains(128, 10_240);
    assertThat(all).anyMatch(f -> f.ephemeralStorage().size() > 512);
  }

  @Test
  void getFunctionConfigurationAcceptsANameOrAnArn() {
    SimulatedFunction f = sim.functions().get(3);
    GetFunctionConfigurationResponse byName =
        lambda.getFunctionConfiguration(b -> b.functionName(f.name()));
    GetFunctionConfigurationResponse byArn =
        lambda.getFunctionConfiguration(b -> b.functionName(f.arn()));
    assertThat(byName.memorySize()).isEqualTo(f.memoryMb());
    assertThat(byArn.functionArn()).isEqualTo(byName.functionArn());
    assertThat(byName.stateAsString()).isEqualTo("Active");
  }

  @Test
  void anUnknownFunctionIsResourceNotFound() {
    assertThatThrownBy(() -> lambda.getFunctionConfiguration(b -> b.functionName("nope")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            });
  }

  @Test
  void tagsAreTeamAndEnvAndUntaggedFunctionsExist() {
    int tagged = 0;
    for (SimulatedFunction f : sim.functions().subList(0, 60)) {
      var tags = lambda.listTags(b -> b.resource(f.arn())).tags();
      assertThat(tags).isEqualTo(f.tags());
      if (!tags.isEmpty()) {
        tagged++;
        assertThat(tags).containsKeys("team", "env");
        assertThat(tags.get("env")).isIn("prod", "staging", "dev");
      }
    }
    assertThat(tagged).isBetween(40, 59);
  }

  @Test
  void provisionedConcurrencyIsListedForTheFunctionsThatHaveIt() {
    List<SimulatedFunction> withPc =
        sim.functions().stream().filter(f -> f.provisionedConcurrency() > 0).toList();
    assertThat(withPc).isNotEmpty();
    SimulatedFunction f = withPc.get(0);
    List<ProvisionedConcurrencyConfigListItem> configs =
        lambda
            .listProvisionedConcurrencyConfigs(b -> b.functionName(f.name()))
            .provisionedConcurrencyConfigs();
    assertThat(configs).hasSize(1);
    assertThat(configs.get(0).functionArn()).isEqualTo(f.arn() + ":live");
    assertThat(configs.get(0).allocatedProvisionedConcurrentExecutions())
        .isEqualTo(f.provisionedConcurrency());
    assertThat(configs.get(0).statusAsString()).isEqualTo("READY");

    SimulatedFunction without =
        sim.functions().stream().filter(x -> x.provisionedConcurrency() == 0).findFirst().get();
    assertThat(
            lambda
                .listProvisionedConcurrencyConfigs(b -> b.functionName(without.name()))
                .provisionedConcurrencyConfigs())
        .isEmpty();
  }

  @Test
  void aFunctionThatChangesMidMonthIsListedWithTheConfigurationInForceNow() {
    SimulatedFunction changing =
        sim.functions().stream()
            .filter(SimulatedFunction::changesConfiguration)
            .findFirst()
            .orElseThrow();
    Truth october =
        sim.truth(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
    FunctionTruth line = october.function(changing.account(), changing.region(), changing.name());
    assertThat(line.configs()).hasSize(2);
    ConfigUsage before = line.configs().get(0);
    ConfigUsage after = line.configs().get(1);
    assertThat(
            before.memoryMb() != after.memoryMb()
                || !before.architecture().equals(after.architecture()))
        .isTrue();
    GetFunctionConfigurationResponse listed =
        lambda.getFunctionConfiguration(b -> b.functionName(changing.name()));
    assertThat(listed.memorySize()).isEqualTo(changing.memoryMb());
    assertThat(listed.architecturesAsStrings()).containsExactly(changing.architecture());
  }
}
