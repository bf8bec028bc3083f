package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

class SmokeTest {

  @Test
  void smoke() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    try (AwsSimulator sim =
        AwsSimulator.start(SimulatorSettings.defaults().withFunctions(20).withClock(clock))) {
      SimulatedFunction f =
          sim.functions().stream().filter(x -> !x.pattern().equals("IDLE")).findFirst().get();
      CloudWatchClient cw = Sdk.cloudWatch(sim.endpoint(), "us-east-1");
      GetMetricDataResponse r =
          cw.getMetricData(
              b ->
                  b.startTime(Instant.parse("2026-11-20T10:00:00Z"))
                      .endTime(Instant.parse("2026-11-20T11:00:00Z"))
                      .metricDataQueries(
                          MetricDataQuery.builder()
                              .id("m1")
                              .metricStat(
                                  MetricStat.builder()
                                      .metric(
                                          Metric.builder()
                                              .namespace("AWS/Lambda")
                                              .metricName("Invocations")
                                              .dimensions(
                                                  Dimension.builder()
                                                      .name("FunctionName")
                                                      .value(f.name())
                                                      .build())
                                              .build())
                                      .period(300)
                                      .stat("Sum")
                                      .build())
                              .build()));
      System.out.println(r);
      var truth =
          sim.truth(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T11:00:00Z"));
      System.out.println(truth.function(f.account(), f.region(), f.name()));
      assertThat(r.metricDataResults()).hasSize(1);
      System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
  }
}
