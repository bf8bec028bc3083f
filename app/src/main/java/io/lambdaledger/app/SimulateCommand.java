package io.lambdaledger.app;

import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lambda-ledger simulate}: runs the AWS simulator standalone until Ctrl-C, and prints the
 * environment that points AWS SDKs and CLIs at it.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Run the AWS simulator: CloudWatch, Lambda, Pricing, STS and tagging on the real wire",
      "protocols, serving a synthetic Lambda estate with known ground truth. Runs until Ctrl-C."
    })
public final class SimulateCommand implements Callable<Integer> {

  static final String ACCESS_KEY_ID = "AKIDLAMBDALEDGERSIM";
  static final String SECRET_ACCESS_KEY = "simulator-secret";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "4566", description = "Port (0 = any free port).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String bind;

  @Option(names = "--functions", defaultValue = "100", description = "Number of functions.")
  int functions;

  @Option(names = "--seed", defaultValue = "1", description = "Workload seed.")
  long seed;

  @Option(names = "--accounts", defaultValue = "1", description = "Number of accounts.")
  int accounts;

  @Option(
      names = "--regions",
      split = ",",
      defaultValue = "us-east-1",
      description = "Comma-separated Regions holding functions (default: ${DEFAULT-VALUE}).")
  List<String> regions;

  @Option(
      names = "--start",
      description = "First instant with data, ISO-8601 (default: start of the previous month).")
  String start;

  @Option(
      names = "--lag",
      defaultValue = "3m",
      description = "Delay before a datapoint is visible: 90s, 3m, 1h (default: ${DEFAULT-VALUE}).")
  String lag;

  @Option(
      names = "--faults",
      description =
          "Faults, e.g. throttle=0.1,error=0.05,GetMetricData.latency=200ms"
              + " (kinds: throttle, error, drop, partial, latency, throttleNext, errorNext,"
              + " dropNext).")
  String faults;

  @Option(
      names = "--consolidated-billing",
      description = "All accounts are one AWS Organization: one free tier, one payer.")
  boolean consolidatedBilling;

  @Option(names = "--external-id", description = "External id AssumeRole must present.")
  String externalId;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AwsSimulator simulator = start(out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "simulator-shutdown"));
    stopped.await();
    return 0;
  }

  /** Starts the simulator and prints where it is and how to use it. */
  AwsSimulator start(PrintWriter out) {
    AwsSimulator simulator = AwsSimulator.start(settings());
    String endpoint = simulator.endpoint().toString();
    SimulatorSettings settings = simulator.settings();
    out.printf("AWS simulator listening on %s%n", endpoint);
    out.printf(
        "  %d functions, accounts %s, regions %s, seed %d, data from %s, lag %s%n",
        settings.functions(),
        String.join(",", simulator.accounts()),
        String.join(",", settings.regions()),
        settings.seed(),
        simulator.start(),
        lag);
    out.println();
    out.println("Point AWS SDKs and CLIs at it:");
    out.printf("  export AWS_ENDPOINT_URL=%s%n", endpoint);
    out.printf("  export AWS_REGION=%s%n", settings.regions().get(0));
    out.printf("  export AWS_ACCESS_KEY_ID=%s%n", ACCESS_KEY_ID);
    out.printf("  export AWS_SECRET_ACCESS_KEY=%s%n", SECRET_ACCESS_KEY);
    out.println();
    out.printf(
        "Control: GET %s/_sim/stats, GET %s/_sim/truth?from=ISO&to=ISO, POST %s/_sim/faults%n",
        endpoint, endpoint, endpoint);
    out.println("Press Ctrl-C to stop.");
    out.flush();
    return simulator;
  }

  SimulatorSettings settings() {
    try {
      return SimulatorSettings.defaults()
          .withPort(port)
          .withBindAddress(bind)
          .withFunctions(functions)
          .withSeed(seed)
          .withAccounts(accounts)
          .withRegions(regions)
          .withStart(start == null ? null : Instant.parse(start))
          .withLag(duration(lag))
          .withFaults(faults == null ? Faults.none() : Faults.parse(faults))
          .withConsolidatedBilling(consolidatedBilling)
          .withExternalId(externalId);
    } catch (DateTimeParseException e) {
      throw new UsageException("--start must be an ISO-8601 instant, e.g. 2026-10-01T00:00:00Z");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new UsageException("--lag must look like 90s, 3m or 1h, was: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
