package io.lambdaledger.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.MalformedQueryException;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

/** Logs Insights over the REPORT lines, with the real SDK, and the planted savings cases. */
class LogsInsightsTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final String QUERY =
      "filter @type = \"REPORT\" | stats count(*) as reports, max(@maxMemoryUsed) as maxUsed,"
          + " max(@memorySize) as memorySize, sum(@billedDuration) as billedMs,"
          + " count(@initDuration) as coldStarts, sum(@initDuration) as initMs by bin(1d) as day";
  static AwsSimulator sim;
  static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    sim =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(20)
                .withSavingsCases(true)
                .withClock(new MutableClock(NOW)));
    logs =
        CloudWatchLogsClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Sdk.DUMMY)
            .build();
  }

  @AfterAll
  static void stop() {
    logs.close();
    sim.close();
  }

  @Test
  void aggregatesReportLinesPerDayAndMetersTheBytes() throws Exception {
    sim.resetStats();
    Instant from = Instant.parse("2026-11-10T00:00:00Z");
    Instant to = Instant.parse("2026-11-12T00:00:00Z");
    String id = startQuery("/aws/lambda/savings-memory-1", from, to, QUERY);
    GetQueryResultsResponse first = logs.getQueryResults(b -> b.queryId(id));
    assertEquals(QueryStatus.RUNNING, first.status());
    GetQueryResultsResponse done = logs.getQueryResults(b -> b.queryId(id));
    assertEquals(QueryStatus.COMPLETE, done.status());
    assertEquals(2, done.results().size());
    Map<String, String> day = new HashMap<>();
    for (ResultField f : done.results().get(0)) {
      day.put(f.field(), f.value());
    }
    assertEquals("2026-11-10 00:00:00.000", day.get("day"));
    assertEquals(2048_000_000L, Long.parseLong(day.get("memorySize")));
    long maxUsed = Long.parseLong(day.get("maxUsed"));
    assertTrue(maxUsed >= 300_000_000L && maxUsed <= 312_000_000L, day.toString());
    long reports = Long.parseLong(day.get("reports"));
    // steady 120 a minute: a day's count is within a few hundred of 172,800
    assertTrue(Math.abs(reports - 172_800) < 2_000, day.toString());

    long expectedBytes = 0;
    for (List<ResultField> row : done.results()) {
      long n = 0;
      long cold = 0;
      for (ResultField f : row) {
        if (f.field().equals("reports")) {
          n = Long.parseLong(f.value());
        } else if (f.field().equals("coldStarts")) {
          cold = Long.parseLong(f.value());
        }
      }
      expectedBytes += n * ReportDays.BYTES_PER_INVOCATION + cold * ReportDays.BYTES_PER_COLD_START;
    }
    assertEquals(expectedBytes, done.statistics().bytesScanned().longValue());
    JsonNode stats = json("/_sim/stats").get("logsInsights");
    assertEquals(1, stats.get("queries").asLong());
    assertEquals(expectedBytes, stats.get("bytesScanned").asLong());
  }

  @Test
  void unknownLogGroupsAndUnsupportedQueriesAreRefusedAsAwsDoes() {
    assertThrows(
        ResourceNotFoundException.class,
        () -> startQuery("/aws/lambda/no-such-function", NOW.minusSeconds(86_400), NOW, QUERY));
    assertThrows(
        MalformedQueryException.class,
        () ->
            startQuery(
                "/aws/lambda/savings-memory-1",
                NOW.minusSeconds(86_400),
                NOW,
                "fields @message | sort @timestamp desc"));
  }

  /** Starts a Logs Insights query over one log group; returns its id. */
  private static String startQuery(String logGroup, Instant from, Instant to, String query) {
    return logs.startQuery(
            b ->
                b.logGroupName(logGroup)
                    .startTime(from.getEpochSecond())
                    .endTime(to.getEpochSecond())
                    .queryString(query))
        .queryId();
  }

  @Test
  void truthListsThePlantedCasesWithTheirSavings() throws Exception {
    JsonNode truth = json("/_sim/truth?from=2026-11-01T00:00:00Z&to=2026-11-15T00:00:00Z");
    JsonNode savings = truth.get("savings");
    assertEquals(10, savings.size());
    Map<String, Integer> kinds = new HashMap<>();
    for (JsonNode s : savings) {
      kinds.merge(s.get("kind").asText(), 1, Integer::sum);
      double saving = Double.parseDouble(s.get("trueMonthlySavingUsd").asText());
      if (s.get("kind").asText().equals("WELL_SIZED")) {
        assertEquals(0.0, saving);
      } else {
        assertTrue(saving > 1, s.toString());
      }
    }
    assertEquals(
        Map.of("MEMORY", 3, "ARM64", 3, "IDLE_PROVISIONED_CONCURRENCY", 2, "WELL_SIZED", 2), kinds);
  }

  @Test
  void theGeneratedEstateStaysAsItWasWithoutTheCases() {
    try (AwsSimulator plain = AwsSimulator.start(TestSettings.at(NOW, 20))) {
      Instant from = Instant.parse("2026-11-10T00:00:00Z");
      Instant to = Instant.parse("2026-11-11T00:00:00Z");
      Truth withCases = sim.truth(from, to);
      Truth without = plain.truth(from, to);
      assertEquals(30, withCases.functions().size());
      assertEquals(without.functions(), withCases.functions().subList(0, 20));
    }
  }

  static JsonNode json(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sim.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new ObjectMapper().readTree(response.body());
  }
}
