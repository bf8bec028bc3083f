package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/** CloudTrail LookupEvents through the real SDK client, from the same workload as the metrics. */
class CloudTrailTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final LookupAttribute LAMBDA =
      LookupAttribute.builder()
          .attributeKey(LookupAttributeKey.EVENT_SOURCE)
          .attributeValue("lambda.amazonaws.com")
          .build();

  private static AwsSimulator simulator(int functions, Faults faults) {
    return AwsSimulator.start(TestSettings.at(NOW, functions, 11).withFaults(faults));
  }

  private static CloudTrailClient cloudTrail(AwsSimulator sim, int attempts) {
    return CloudTrailClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(Sdk.DUMMY)
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                    DefaultRetryStrategy.standardStrategyBuilder().maxAttempts(attempts).build()))
        .build();
  }

  /** Every page, at most two requests a second as CloudTrail allows. */
  private static List<LookupEventsResponse> allPages(CloudTrailClient client) {
    List<LookupEventsResponse> pages = new ArrayList<>();
    String token = null;
    do {
      sleep(Duration.ofMillis(500));
      LookupEventsResponse page =
          client.lookupEvents(
              LookupEventsRequest.builder()
                  .lookupAttributes(LAMBDA)
                  .maxResults(50)
                  .nextToken(token)
                  .build());
      pages.add(page);
      token = page.nextToken();
    } while (token != null);
    return pages;
  }

  @Test
  void lambdaEventsComeNewestFirstInPagesOfFiftyFromTheLastNinetyDays() {
    try (AwsSimulator sim = simulator(400, Faults.none());
        CloudTrailClient client = cloudTrail(sim, 1)) {
      List<LookupEventsResponse> pages = allPages(client);
      List<Event> events = pages.stream().flatMap(p -> p.events().stream()).toList();

      assertThat(pages).hasSizeGreaterThan(1);
      assertThat(pages).allSatisfy(p -> assertThat(p.events()).hasSizeLessThanOrEqualTo(50));
      assertThat(pages.subList(0, pages.size() - 1))
          .allSatisfy(p -> assertThat(p.events()).hasSize(50));
      assertThat(events)
          .extracting(Event::eventTime)
          .isSortedAccordingTo((a, b) -> b.compareTo(a))
          .allSatisfy(t -> assertThat(t).isBetween(NOW.minus(Duration.ofDays(90)), NOW));
      assertThat(events)
          .extracting(Event::eventName)
          .contains(
              "UpdateFunctionConfiguration20150331v2",
              "UpdateFunctionCode20150331v2",
              "PutProvisionedConcurrencyConfig",
              "DeleteProvisionedConcurrencyConfig",
              "PublishVersion20150331",
              "UpdateAlias20150331");
      assertThat(events.stream().map(Event::eventId).distinct().count()).isEqualTo(events.size());
      assertThat(sim.stats().calls("LookupEvents")).isEqualTo(pages.size());
      assertThat(sim.stats().operation("LookupEvents").throttled()).isZero();
    }
  }

  @Test
  void theEventsReplayToTheConfigurationAndProvisionedConcurrencyLambdaReportsNow() {
    try (AwsSimulator sim = simulator(400, Faults.none());
        CloudTrailClient client = cloudTrail(sim, 1)) {
      List<Event> events = allPages(client).stream().flatMap(p -> p.events().stream()).toList();
      Map<String, SimulatedFunction> functions =
          sim.functions().stream()
              .collect(Collectors.toMap(SimulatedFunction::name, function -> function));
      Map<String, JsonNode> latestConfiguration = new HashMap<>();
      Map<String, String> latestProvisioned = new HashMap<>();
      int midMonth = 0;
      for (Event event : events.reversed()) {
        JsonNode record = Json.read(event.cloudTrailEvent().getBytes());
        assertThat(record.path("eventSource").asText()).isEqualTo("lambda.amazonaws.com");
        assertThat(record.path("eventName").asText()).isEqualTo(event.eventName());
        assertThat(Instant.parse(record.path("eventTime").asText())).isEqualTo(event.eventTime());
        String name = record.path("requestParameters").path("functionName").asText();
        assertThat(functions).containsKey(name);
        if (event.eventName().startsWith("UpdateFunction")) {
          latestConfiguration.put(name, record.path("responseElements"));
          int day = event.eventTime().atZone(java.time.ZoneOffset.UTC).getDayOfMonth();
          midMonth += day > 1 ? 1 : 0;
        }
        if (event.eventName().contains("ProvisionedConcurrency")) {
          latestProvisioned.put(name, event.eventName());
        }
      }
      assertThat(latestConfiguration).hasSizeGreaterThan(5);
      assertThat(midMonth).isPositive();
      latestConfiguration.forEach(
          (name, configuration) -> {
            SimulatedFunction now = functions.get(name);
            assertThat(configuration.path("memorySize").asInt()).isEqualTo(now.memoryMb());
            assertThat(configuration.path("architectures").get(0).asText())
                .isEqualTo(now.architecture());
            assertThat(configuration.path("ephemeralStorage").path("size").asInt())
                .isEqualTo(now.ephemeralStorageMb());
          });
      assertThat(latestProvisioned).isNotEmpty();
      latestProvisioned.forEach(
          (name, eventName) ->
              assertThat(functions.get(name).provisionedConcurrency() > 0)
                  .as(name)
                  .isEqualTo(eventName.startsWith("Put")));
    }
  }

  @Test
  void aProvisionedConcurrencyGapIsNeitherBilledNorServed() {
    try (AwsSimulator sim = simulator(400, Faults.none())) {
      Workload workload =
          new Workload(
              11, 400, 1, List.of("us-east-1"), sim.settings().effectiveStart().getEpochSecond());
      FunctionProfile gapped =
          workload.functions().stream().filter(FunctionProfile::provisionedGaps).findFirst().get();
      int month = Months.indexOf(Instant.parse("2026-11-15T00:00:00Z").getEpochSecond());
      long gap = gapped.provisionedGapEnd(month) - gapped.provisionedGapStart(month);

      Truth november =
          sim.truth(
              Instant.parse("2026-11-01T00:00:00Z"),
              Instant.parse("2026-12-01T00:00:00Z"),
              gapped.account,
              gapped.region);

      long provisionedSeconds =
          november.functions().stream()
              .filter(f -> f.name().equals(gapped.name))
              .flatMap(f -> f.configs().stream())
              .mapToLong(ConfigUsage::provisionedSeconds)
              .sum();
      assertThat(provisionedSeconds).isEqualTo(30 * 86_400L - gap);
    }
  }

  @Test
  void moreThanTwoRequestsASecondAreThrottled() {
    try (AwsSimulator sim = simulator(50, Faults.none());
        CloudTrailClient client = cloudTrail(sim, 1)) {
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 10; i++) {
                  client.lookupEvents(b -> b.lookupAttributes(LAMBDA));
                }
              })
          .isInstanceOfSatisfying(
              CloudTrailException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.isThrottlingException()).isTrue();
              });
      assertThat(sim.stats().operation("LookupEvents").throttled()).isEqualTo(1);
    }
  }

  @Test
  void moreThanOneLookupAttributeIsRejected() {
    try (AwsSimulator sim = simulator(50, Faults.none());
        CloudTrailClient client = cloudTrail(sim, 1)) {
      LookupAttribute byName =
          LookupAttribute.builder()
              .attributeKey(LookupAttributeKey.EVENT_NAME)
              .attributeValue("PutProvisionedConcurrencyConfig")
              .build();
      assertThatThrownBy(() -> client.lookupEvents(b -> b.lookupAttributes(LAMBDA, byName)))
          .isInstanceOfSatisfying(
              CloudTrailException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("InvalidLookupAttributesException"));
      sleep(Duration.ofSeconds(1));
      assertThatThrownBy(() -> client.lookupEvents(b -> b.maxResults(51)))
          .isInstanceOfSatisfying(
              CloudTrailException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("InvalidMaxResultsException"));
    }
  }

  @Test
  void aDeniedCallerGetsAccessDenied() {
    try (AwsSimulator sim = simulator(50, Faults.parse("LookupEvents.deny=true"));
        CloudTrailClient client = cloudTrail(sim, 3)) {
      assertThatThrownBy(() -> client.lookupEvents(b -> b.lookupAttributes(LAMBDA)))
          .isInstanceOfSatisfying(
              SdkServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(((CloudTrailException) e).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException");
                assertThat(e.getMessage()).contains("cloudtrail:LookupEvents");
              });
      assertThat(sim.stats().calls("LookupEvents")).isEqualTo(1);
      assertThat(Set.of(sim.faults().ruleFor("LookupEvents").deny())).containsExactly(true);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
