package io.lambdaledger.app;

import io.lambdaledger.app.config.LedgerConfig;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the API and dashboard, collection on a schedule (db-scheduler, one task per
 * account and region; several processes on one PostgreSQL split the shards) and the monthly report
 * job. Runs until stopped (SIGTERM or Ctrl-C), then shuts down cleanly.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the API and dashboard, collect on a schedule and write monthly reports, until"
            + " stopped.")
final class ServeCommand extends LedgerSubcommand {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port (default: server.port, 8080).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to bind (default: server.host, 0.0.0.0).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    LedgerConfig config = main.config();
    String bind = host != null ? host : config.server().host();
    int listen = port != null ? port : config.server().port();
    if (listen < 0 || listen > 65535) {
      throw new UsageException("--port must be between 0 and 65535");
    }
    LedgerRuntime.Options options =
        new LedgerRuntime.Options(
            CollectorWiring.clientFactory(),
            CollectorWiring.targets(config),
            CollectorWiring.settings(config),
            config.server().authEnabled(),
            bind,
            listen,
            Clock.systemUTC(),
            System.out,
            Main.version(),
            new LedgerRuntime.BillSource(
                () -> S3Clients.create(main.environment()),
                config.bill().exports(),
                config.bill().importInterval()));
    LedgerRuntime runtime = LedgerRuntime.start(config, Databases.open(config.database()), options);
    System.out.printf(
        "Lambda Ledger is serving on http://%s:%d/ (database %s)%n",
        "0.0.0.0".equals(bind) ? "localhost" : bind,
        runtime.port(),
        runtime.database().redactedUrl());
    System.out.flush();
    Shutdown.awaitSignal(runtime);
    return 0;
  }
}
