package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.sim.AwsSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

  @Test
  void simulatePrintsTheEndpointAndTheEnvironmentToExport() throws Exception {
    CommandLine commandLine = Main.commandLine(Map.of());
    CommandLine.ParseResult parsed =
        commandLine.parseArgs(
            "simulate",
            "--port",
            "0",
            "--functions",
            "25",
            "--seed",
            "7",
            "--accounts",
            "2",
            "--regions",
            "us-east-1,eu-west-1",
            "--start",
            "2026-10-01T00:00:00Z",
            "--lag",
            "90s",
            "--faults",
            "throttle=0.1,error=0.05");
    SimulateCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
    StringWriter out = new StringWriter();

    try (AwsSimulator simulator = command.start(new PrintWriter(out))) {
      String printed = out.toString();
      URI endpoint = simulator.endpoint();
      assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
      assertThat(printed)
          .contains("export AWS_ENDPOINT_URL=" + endpoint)
          .contains("export AWS_REGION=us-east-1")
          .contains("export AWS_ACCESS_KEY_ID=")
          .contains("export AWS_SECRET_ACCESS_KEY=")
          .contains("25 functions");
      assertThat(simulator.accounts()).hasSize(2);
      assertThat(simulator.settings().lag()).isEqualTo(Duration.ofSeconds(90));
      assertThat(simulator.faults().ruleFor("GetMetricData").throttle()).isEqualTo(0.1);

      HttpResponse<String> overview =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint.resolve("/_sim")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(overview.statusCode()).isEqualTo(200);
      assertThat(overview.body()).contains("eu-west-1");
    }
  }

  @Test
  void aBadLagIsAUsageErrorWithExitCodeTwo() {
    CommandRun run = CommandRun.of(Map.of(), "simulate", "--port", "0", "--lag", "soon");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("--lag");
  }

  @Test
  void aBadFaultIsAUsageError() {
    CommandRun run = CommandRun.of(Map.of(), "simulate", "--port", "0", "--faults", "explode=1");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("unknown fault 'explode'");
  }
}
