package io.lambdaledger.app;

import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.CollectionTarget;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.CollectorSettings;
import io.lambdaledger.collector.CycleReport;
import io.lambdaledger.collector.Progress;
import io.lambdaledger.collector.RetrySettings;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code demo}: the whole product on an embedded default, no AWS account needed. Starts the AWS
 * simulator in-process, an H2 database in a temporary folder (or {@code --db}), backfills from the
 * start of the previous month, keeps collecting every minute, and serves the API and dashboard with
 * authentication off.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the simulator, collector, API and dashboard together on an embedded database, with"
            + " authentication off.")
final class DemoCommand extends LedgerSubcommand {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--functions",
      defaultValue = "50",
      description = "Simulated functions (default: ${DEFAULT-VALUE}).")
  int functions;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Workload seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--db",
      paramLabel = "DIR",
      description = "Keep the H2 database in this folder (default: a new temporary folder).")
  Path db;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  /** The demo's "now": the simulator, the collector and the API all read it. Tests pin it. */
  Clock clock = Clock.systemUTC();

  /**
   * A started demo: the simulator, the service, and the backfill running behind them; closing stops
   * all three.
   */
  record Running(
      AwsSimulator simulator, LedgerRuntime runtime, CompletableFuture<CycleReport> backfill)
      implements AutoCloseable {
    @Override
    public void close() {
      backfill.cancel(true);
      runtime.close();
      simulator.close();
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    if (functions < 1 || functions > 100_000) {
      throw new UsageException("--functions must be between 1 and 100000");
    }
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be between 0 and 65535");
    }
    Running running = start(System.out);
    Shutdown.awaitSignal(running);
    return 0;
  }

  Running start(java.io.PrintStream console) {
    Instant began = Instant.now();
    Path folder = folder();
    AwsSimulator simulator =
        AwsSimulator.start(
            SimulatorSettings.defaults().withFunctions(functions).withSeed(seed).withClock(clock));
    try {
      console.printf(
          "Simulator: %d functions in %s, seed %d, at %s%n",
          functions, String.join(", ", simulator.regions()), seed, simulator.endpoint());
      Database database = Database.open(DatabaseSettings.h2File(folder.resolve("lambda-ledger")));
      List<CollectionTarget> targets = targets(simulator);
      CollectorSettings live =
          CollectorWiring.settings(main.config())
              .withInterval(Duration.ofMinutes(1))
              .withPeriod(Duration.ofMinutes(5));
      LedgerRuntime runtime =
          LedgerRuntime.start(
              main.config(),
              database,
              new LedgerRuntime.Options(
                  clients(simulator),
                  targets,
                  live,
                  false,
                  host,
                  port,
                  clock,
                  console,
                  Main.version(),
                  bill(simulator)));
      console.printf(
          "Database: %s%nAuthentication is OFF (demo): anyone who can reach the port can read and"
              + " collect.%nReady in %.1f s: open http://%s:%d/%n"
              + "Backfilling from %s in the background; the dashboard fills in as it goes.%n",
          folder,
          Duration.between(began, Instant.now()).toMillis() / 1000.0,
          host,
          runtime.port(),
          simulator.start());
      console.flush();
      CompletableFuture<CycleReport> backfill =
          CompletableFuture.supplyAsync(
              () ->
                  backfill(
                      database,
                      simulator,
                      targets,
                      live.withPeriod(Duration.ofHours(1)),
                      clock,
                      began,
                      console),
              runnable -> Thread.ofPlatform().name("demo-backfill").daemon(true).start(runnable));
      return new Running(simulator, runtime, backfill);
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
  }

  private static CycleReport backfill(
      Database database,
      AwsSimulator simulator,
      List<CollectionTarget> targets,
      CollectorSettings settings,
      Clock clock,
      Instant began,
      java.io.PrintStream console) {
    try (AwsClientFactory clients = clients(simulator);
        Collector collector = new Collector(database, clients, targets, settings, clock)) {
      CycleReport report =
          collector.backfill(
              simulator.start(),
              clock.instant(),
              Progress.forConsole(System.console() != null, System.err, clock));
      console.printf(
          "Backfill done %.1f s after start: %d runs, %d failed.%n",
          Duration.between(began, Instant.now()).toMillis() / 1000.0,
          report.shards().size(),
          report.failures().size());
      console.flush();
      return report;
    }
  }

  /**
   * The simulator's CUR 2.0 export of its own bill, imported at start and hourly, so the
   * reconciliation and {@code /costs?source=best} have a bill from the first minute.
   */
  private static LedgerRuntime.BillSource bill(AwsSimulator simulator) {
    return new LedgerRuntime.BillSource(
        () ->
            S3Client.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLEDGERDEMO", "not-a-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build(),
        List.of(AwsSimulator.CUR2_CSV_EXPORT),
        Duration.ofHours(1));
  }

  private static AwsClientFactory clients(AwsSimulator simulator) {
    return new AwsClientFactory(
        new AwsClientFactory.Options(
            simulator.endpoint(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLEDGERDEMO", "demo")),
            RetrySettings.defaults(),
            16));
  }

  private static List<CollectionTarget> targets(AwsSimulator simulator) {
    List<CollectionTarget> targets = new ArrayList<>();
    List<String> accounts = simulator.accounts();
    for (int i = 0; i < accounts.size(); i++) {
      String account = accounts.get(i);
      AwsAccount access =
          i == 0
              ? new AwsAccount(account, null, null)
              : new AwsAccount(
                  account, "arn:aws:iam::" + account + ":role/LambdaLedgerReader", null);
      targets.add(new CollectionTarget(access, "demo-" + (i + 1), null, simulator.regions()));
    }
    return targets;
  }

  private Path folder() {
    try {
      if (db != null) {
        return Files.createDirectories(db);
      }
      return Files.createTempDirectory("lambda-ledger-demo-");
    } catch (IOException e) {
      throw new UserFacingException("cannot create the demo database folder: " + e.getMessage(), e);
    }
  }
}
