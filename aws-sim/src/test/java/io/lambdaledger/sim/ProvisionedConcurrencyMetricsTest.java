package io.lambdaledger.sim;

import static io.lambdaledger.sim.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * The provisioned concurrency metrics per alias (the {@code Resource} dimension), from the same
 * workload as the truth: executions ÷ utilization is the allocated amount, the alias's provisioned
 * invocations are the truth's, and nothing is emitted while no provisioned concurrency is
 * allocated.
 */
class ProvisionedConcurrencyMetricsTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

  @RegisterExtension
  static final SimulatedCloudWatch AWS = new SimulatedCloudWatch(TestSettings.at(NOW, 120, 11));

  private static MetricDataQuery perAlias(String id, String function, String metric, String stat) {
    return perResource(id, function, function + ":live", metric, stat);
  }

  private static MetricDataQuery perResource(
      String id, String function, String resource, String metric, String stat) {
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(
            MetricStat.builder()
                .metric(
                    Metric.builder()
                        .namespace("AWS/Lambda")
                        .metricName(metric)
                        .dimensions(
                            Dimension.builder().name("Resource").value(resource).build(),
                            Dimension.builder().name("FunctionName").value(function).build())
                        .build())
                .period(3600)
                .stat(stat)
                .build())
        .build();
  }

  private static Map<String, Queries.Series> fetch(List<MetricDataQuery> queries) {
    return Queries.fetchAll(
        AWS.cw(),
        GetMetricDataRequest.builder()
            .startTime(FROM)
            .endTime(TO)
            .scanBy(ScanBy.TIMESTAMP_ASCENDING)
            .metricDataQueries(queries)
            .build());
  }

  @Test
  void executionsOverUtilizationIsTheAllocatedAmountAndInvocationsMatchTheTruth() {
    Truth truth = AWS.sim().truth(FROM, TO);
    List<FunctionTruth> provisioned =
        truth.functions().stream().filter(f -> f.provisionedConcurrencyInvocations() > 0).toList();
    assertThat(provisioned).isNotEmpty();
    for (FunctionTruth function : provisioned) {
      int allocated = function.configs().get(0).provisionedConcurrency();
      Map<String, Queries.Series> series =
          fetch(
              List.of(
                  perAlias("inv", function.name(), "ProvisionedConcurrencyInvocations", "Sum"),
                  perAlias("exe", function.name(), "ProvisionedConcurrentExecutions", "Maximum"),
                  perAlias(
                      "use", function.name(), "ProvisionedConcurrencyUtilization", "Maximum")));

      assertThat((long) series.get("inv").sum())
          .as(function.name())
          .isEqualTo(function.provisionedConcurrencyInvocations());
      Queries.Series executions = series.get("exe");
      Queries.Series utilization = series.get("use");
      assertThat(executions.timestamps()).isNotEmpty().isEqualTo(utilization.timestamps());
      for (int i = 0; i < executions.values().size(); i++) {
        assertThat(utilization.values().get(i)).isPositive();
        assertThat(Math.round(executions.values().get(i) / utilization.values().get(i)))
            .as("%s hour %s", function.name(), executions.timestamps().get(i))
            .isEqualTo(allocated);
      }
    }
  }

  @Test
  void hoursWithoutProvisionedConcurrencyHaveNoDatapointPerAlias() {
    // a function whose PC was deleted for part of November: fewer hours with datapoints than
    // hours with invocations
    FunctionTruth gapped =
        AWS.sim().truth(FROM, TO).functions().stream()
            .filter(f -> f.provisionedConcurrencyInvocations() > 0)
            .filter(f -> f.configs().get(0).provisionedSeconds() < 30L * 86_400)
            .findFirst()
            .orElseThrow();
    Map<String, Queries.Series> series =
        fetch(
            List.of(
                perAlias("exe", gapped.name(), "ProvisionedConcurrentExecutions", "Maximum"),
                query("inv", gapped.name(), "Invocations", "Sum", 3600)));

    assertThat(series.get("exe").timestamps().size())
        .isLessThan(series.get("inv").timestamps().size());
  }

  @Test
  void otherQualifiersFunctionsWithoutProvisionedConcurrencyAndOtherMetricsAreEmpty() {
    String withPc =
        AWS.sim().functions().stream()
            .filter(f -> f.provisionedConcurrency() > 0)
            .findFirst()
            .orElseThrow()
            .name();
    String withoutPc =
        AWS.sim().functions().stream()
            .filter(f -> f.provisionedConcurrency() == 0 && !f.pattern().equals("IDLE"))
            .findFirst()
            .orElseThrow()
            .name();
    Map<String, Queries.Series> series =
        fetch(
            List.of(
                perResource(
                    "other", withPc, withPc + ":1", "ProvisionedConcurrentExecutions", "Maximum"),
                perAlias("nopc", withoutPc, "ProvisionedConcurrentExecutions", "Maximum"),
                perAlias("inv", withPc, "Invocations", "Sum")));

    assertThat(series.values()).allSatisfy(s -> assertThat(s.timestamps()).isEmpty());
  }
}
