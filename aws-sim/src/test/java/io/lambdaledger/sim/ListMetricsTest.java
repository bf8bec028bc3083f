package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;

/** ListMetrics through the real CloudWatch SDK client. */
class ListMetricsTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @RegisterExtension
  static final SimulatedCloudWatch AWS = new SimulatedCloudWatch(TestSettings.at(NOW, 400, 3));

  static List<Metric> list(
      java.util.function.Consumer<
              software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest.Builder>
          request) {
    List<Metric> metrics = new ArrayList<>();
    AWS.cw().listMetricsPaginator(request).metrics().forEach(metrics::add);
    return metrics;
  }

  @Test
  void recentlyActiveListsExactlyTheFunctionsInvokedInTheLastThreeHours() {
    List<Metric> metrics =
        list(
            b ->
                b.namespace("AWS/Lambda")
                    .metricName("Invocations")
                    .recentlyActive(RecentlyActive.PT3_H)
                    .dimensions(DimensionFilter.builder().name("FunctionName").build()));
    Set<String> listed = new HashSet<>();
    metrics.forEach(m -> listed.add(m.dimensions().get(0).value()));

    Truth lastThreeHours =
        AWS.sim().truth(NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofMinutes(3)));
    Set<String> invoked = new HashSet<>();
    lastThreeHours.functions().stream()
        .filter(f -> f.invocations() > 0)
        .forEach(f -> invoked.add(f.name()));

    assertThat(listed).isEqualTo(invoked);
    long idle = AWS.sim().functions().stream().filter(f -> f.pattern().equals("IDLE")).count();
    assertThat(listed.size()).isLessThanOrEqualTo(400 - (int) idle);
    assertThat(idle).isGreaterThan(80);
  }

  @Test
  void allMetricsArePagedFiveHundredAtATime() {
    List<ListMetricsResponse> pages = new ArrayList<>();
    AWS.cw().listMetricsPaginator(b -> b.namespace("AWS/Lambda")).forEach(pages::add);
    assertThat(pages.size()).isGreaterThan(2);
    for (int i = 0; i < pages.size() - 1; i++) {
      assertThat(pages.get(i).metrics()).hasSize(500);
    }
    List<Metric> all = pages.stream().flatMap(p -> p.metrics().stream()).toList();
    assertThat(new HashSet<>(all)).hasSameSizeAs(all);
    // Region-wide aggregates have no dimensions.
    assertThat(all).anyMatch(m -> m.dimensions().isEmpty() && m.metricName().equals("Invocations"));
  }

  @Test
  void aDimensionFilterWithAValueSelectsOneFunction() {
    SimulatedFunction f =
        AWS.sim().functions().stream().filter(x -> x.pattern().equals("STEADY")).findFirst().get();
    List<Metric> metrics =
        list(
            b ->
                b.namespace("AWS/Lambda")
                    .dimensions(
                        DimensionFilter.builder().name("FunctionName").value(f.name()).build()));
    assertThat(metrics)
        .extracting(Metric::metricName)
        .contains("Invocations", "Duration", "Errors", "ConcurrentExecutions");
    assertThat(metrics)
        .allSatisfy(m -> assertThat(m.dimensions().get(0).value()).isEqualTo(f.name()));
  }

  @Test
  void anotherNamespaceHasNoMetrics() {
    assertThat(list(b -> b.namespace("AWS/EC2"))).isEmpty();
  }
}
