package io.lambdaledger.sim;

import static io.lambdaledger.sim.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** The same seed gives the same estate and the same answers, however often it is started. */
class DeterminismTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  record Answers(
      List<FunctionConfiguration> functions, GetMetricDataResponse metrics, Truth truth) {}

  static Answers ask(long seed) {
    try (AwsSimulator sim = AwsSimulator.start(TestSettings.at(NOW, 80, seed));
        CloudWatchClient cw = Sdk.cloudWatch(sim.endpoint(), "us-east-1");
        LambdaClient lambda = Sdk.lambda(sim.endpoint(), "us-east-1")) {
      List<FunctionConfiguration> functions = new ArrayList<>();
      lambda.listFunctionsPaginator().functions().forEach(functions::add);
      List<MetricDataQuery> queries = new ArrayList<>();
      for (int i = 0; i < functions.size(); i++) {
        queries.add(query("d" + i, functions.get(i).functionName(), "Duration", "Average", 300));
        queries.add(query("i" + i, functions.get(i).functionName(), "Invocations", "Sum", 300));
      }
      GetMetricDataResponse metrics =
          cw.getMetricData(
              b ->
                  b.metricDataQueries(queries)
                      .startTime(NOW.minus(Duration.ofHours(6)))
                      .endTime(NOW));
      Truth truth = sim.truth(NOW.minus(Duration.ofDays(7)), NOW);
      return new Answers(functions, metrics, truth);
    }
  }

  @Test
  void theSameSeedGivesIdenticalAnswersAcrossRestarts() {
    Answers first = ask(7);
    Answers second = ask(7);
    assertThat(second.functions()).isEqualTo(first.functions());
    assertThat(second.metrics().metricDataResults()).isEqualTo(first.metrics().metricDataResults());
    assertThat(second.truth()).isEqualTo(first.truth());
    assertThat(first.truth().invocations()).isPositive();
  }

  @Test
  void anotherSeedGivesAnotherEstate() {
    Answers seven = ask(7);
    Answers eight = ask(8);
    assertThat(eight.functions()).isNotEqualTo(seven.functions());
    assertThat(eight.truth().invocations()).isNotEqualTo(seven.truth().invocations());
  }
}
