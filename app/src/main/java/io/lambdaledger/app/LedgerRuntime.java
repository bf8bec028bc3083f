package io.lambdaledger.app;

import io.lambdaledger.api.ApiServer;
import io.lambdaledger.api.LedgerData;
import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.api.Services;
import io.lambdaledger.api.auth.FirstStartToken;
import io.lambdaledger.api.auth.TokenManager;
import io.lambdaledger.api.auth.TokenSource;
import io.lambdaledger.api.operations.BillImportTrigger;
import io.lambdaledger.api.operations.CollectionTrigger;
import io.lambdaledger.api.operations.CollectionTrigger.CollectionStarted;
import io.lambdaledger.api.operations.MonthlyReportSource;
import io.lambdaledger.api.operations.MonthlyReportSource.ReportRefusedException;
import io.lambdaledger.app.config.LedgerConfig;
import io.lambdaledger.app.config.LedgerConfig.TokenConfig;
import io.lambdaledger.billing.BillImporter;
import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.BackgroundCollection;
import io.lambdaledger.collector.CollectionScheduler;
import io.lambdaledger.collector.CollectionTarget;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.CollectorSettings;
import io.lambdaledger.collector.CollectorSetupException;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.ApiTokenStore;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.ReportLogStore;
import io.lambdaledger.db.StoredLedger;
import io.lambdaledger.db.WatermarkStore;
import io.lambdaledger.reports.ClosedMonthReportJob;
import io.lambdaledger.reports.MonthNotFinalException;
import io.lambdaledger.reports.MonthlyReports;
import io.lambdaledger.reports.ReportFormat;
import io.lambdaledger.reports.ReportRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The running service: database, price books, cost engine, collector and its schedule, monthly
 * report job and the HTTP API, built in one place and stopped in reverse order. {@code serve} and
 * {@code demo} both start one.
 */
final class LedgerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerRuntime.class);

  /** What differs between {@code serve} and {@code demo}. */
  record Options(
      AwsClientFactory clients,
      List<CollectionTarget> targets,
      CollectorSettings collectorSettings,
      boolean authEnabled,
      String host,
      int port,
      Clock clock,
      PrintStream console,
      String version,
      BillSource bill) {}

  /**
   * Where {@code serve} reads the bill from: an S3 client (made only when exports are configured)
   * and the exports.
   */
  record BillSource(
      java.util.function.Supplier<S3Client> s3, List<String> exports, Duration interval) {

    static BillSource none() {
      return new BillSource(() -> null, List.of(), Duration.ofHours(1));
    }
  }

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Database database;
  private final Collector collector;
  private final ServiceMetrics metrics;
  private final ApiServer server;

  private LedgerRuntime(LedgerConfig config, Database database, Options options) {
    this.database = database;
    closeables.add(database);
    closeables.add(options.clients());
    Clock clock = options.clock();
    PriceBooks priceBooks = StoredPriceBooks.load(database);
    this.metrics = new ServiceMetrics();
    closeables.add(metrics);
    this.collector =
        new Collector(
            database, options.clients(), options.targets(), options.collectorSettings(), clock);
    closeables.add(collector);
    BackgroundCollection background = new BackgroundCollection(collector, clock);
    closeables.add(background);
    closeables.add(
        new RunMetricsFeed(
                new CollectionRunStore(database.dsl()), metrics, Collector.instanceName())
            .start(Duration.ofSeconds(15)));
    CollectionScheduler scheduler =
        new CollectionScheduler(
            collector, database.dataSource(), CollectorWiring.schedulerPollingInterval(config));
    Duration horizon = MonthlyReports.finalityHorizon(options.collectorSettings().finalityMargin());
    MonthlyReports reports = monthlyReports(database, priceBooks, horizon, clock);
    TokenSource tokens = configuredTokens(config);
    ApiTokenStore tokenStore = new ApiTokenStore(database.dsl());
    if (options.authEnabled()) {
      FirstStartToken.ensureAdminToken(
          () -> new TokenManager(tokens, new StoredTokens(tokenStore), clock).all(),
          tokenStore::upsert,
          options.console(),
          clock);
      warnIfInitialTokenOutlived(tokens, tokenStore, clock);
    } else {
      LOG.warn("event=auth-disabled API authentication is OFF: every caller is an admin");
    }
    AlertWiring alerts = new AlertWiring(config.alerts(), database, priceBooks, metrics, clock);
    BillImportTrigger bills = BillImportTrigger.NONE;
    if (!options.bill().exports().isEmpty()) {
      S3Client s3 = options.bill().s3().get();
      BillImportSchedule schedule =
          new BillImportSchedule(
                  new BillImporter(s3, new BillStore(database.dsl()), clock),
                  options.bill().exports(),
                  options.bill().interval(),
                  clock,
                  s3::close)
              .start();
      closeables.add(schedule);
      bills = schedule;
    }
    Services services =
        new Services(
            tokens,
            new StoredTokens(tokenStore),
            database::isReachable,
            metrics,
            collectNow(background),
            reportSource(reports),
            ledger(database),
            priceBooks,
            alerts.api(),
            bills);
    this.server =
        new ApiServer(
            new ApiServer.Settings(options.authEnabled(), clock, options.version(), horizon),
            services);
    server.start(options.host(), options.port());
    closeables.add(server);
    scheduler.start();
    closeables.add(scheduler);
    closeables.add(alerts.feed().start(Duration.ofSeconds(15)));
    if (config.recommendations().scanBudget().signum() > 0) {
      Map<String, AwsAccount> access = new HashMap<>();
      for (CollectionTarget target : options.targets()) {
        access.put(target.account().accountId(), target.account());
      }
      closeables.add(
          new ReportScanSchedule(
                  options.clients(),
                  account -> access.getOrDefault(account, AwsAccount.defaultCredentials()),
                  StoredLedger.usage(database),
                  new ReportLogStore(database.dsl()),
                  clock,
                  config.recommendations().scanBudget(),
                  config.recommendations().lookbackDays())
              .start());
    }
    String directory = config.reports().directory();
    if (directory != null && !directory.isBlank()) {
      closeables.add(scheduleReports(reports, Path.of(directory), config.reports().formats()));
    }
  }

  /** Builds and starts everything; on a failure, what was started is stopped again. */
  static LedgerRuntime start(LedgerConfig config, Database database, Options options) {
    try {
      return new LedgerRuntime(config, database, options);
    } catch (RuntimeException e) {
      database.close();
      options.clients().close();
      if (e instanceof SdkException) {
        throw new UserFacingException(
            "cannot reach AWS to find the accounts to collect: " + e.getMessage(), e);
      }
      if (e instanceof CollectorSetupException) {
        throw new UserFacingException(e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * The scheduled monthly reports, with the same finality as the CLI {@code report}: the
   * collector's watermarks, and the windows its runs completed (a month with a day no run covered
   * is not written as final).
   */
  static MonthlyReports monthlyReports(
      Database database, PriceBooks priceBooks, Duration horizon, Clock clock) {
    return new MonthlyReports(
        database.dsl(),
        new WatermarkStore(database.dsl(), clock)::list,
        new CollectionRunStore(database.dsl())::collectedWindows,
        priceBooks,
        horizon,
        clock);
  }

  /** The API's read ports over the database. */
  static LedgerData ledger(Database database) {
    return new LedgerData(
        StoredLedger.usage(database),
        StoredLedger.functions(database),
        StoredLedger.collections(database),
        StoredLedger.months(database),
        StoredLedger.history(database),
        new ReportLogStore(database.dsl()),
        StoredLedger.bill(database));
  }

  int port() {
    return server.port();
  }

  Database database() {
    return database;
  }

  private static CollectionTrigger collectNow(BackgroundCollection background) {
    return () -> {
      BackgroundCollection.Started started = background.start();
      return new CollectionStarted(
          started.started(), started.id(), started.at(), started.message());
    };
  }

  /**
   * The first-start admin token is meant to bootstrap; once tokens are configured, say it lives.
   */
  private static void warnIfInitialTokenOutlived(
      TokenSource configured, ApiTokenStore store, Clock clock) {
    if (configured.tokens().isEmpty()) {
      return;
    }
    store.list().stream()
        .filter(token -> token.name().equals(FirstStartToken.NAME))
        .filter(token -> token.validAt(clock.instant()))
        .findFirst()
        .ifPresent(
            token ->
                LOG.warn(
                    "event=initial-admin-token-active tokens are configured but the first-start"
                        + " token {} still works; revoke it: lambda-ledger tokens revoke {}",
                    token.name(),
                    token.name()));
  }

  /** The tokens in the configuration file ({@code server.tokens}). */
  static TokenSource configuredTokens(LedgerConfig config) {
    List<ApiToken> configured = new ArrayList<>();
    for (TokenConfig token : config.server().tokens()) {
      configured.add(
          new ApiToken(
              token.name(),
              token.sha256(),
              TokenRole.fromConfigName(token.role()),
              token.accounts().isEmpty() ? AccountScope.all() : AccountScope.only(token.accounts()),
              Instant.EPOCH));
    }
    List<ApiToken> fixed = List.copyOf(configured);
    return () -> fixed;
  }

  private static MonthlyReportSource reportSource(MonthlyReports reports) {
    return (month, format, scope, allowPartial, out) -> {
      ReportRequest request =
          new ReportRequest(
              month, ReportFormat.parse(format.toString()), scope, List.of(), allowPartial);
      try {
        reports.write(request, out);
      } catch (MonthNotFinalException e) {
        throw new ReportRefusedException(e.getMessage());
      }
    };
  }

  private static AutoCloseable scheduleReports(
      MonthlyReports reports, Path directory, List<String> formats) {
    ClosedMonthReportJob job =
        new ClosedMonthReportJob(
            reports, directory, formats.stream().map(ReportFormat::parse).toList());
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("reports").daemon().factory());
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            job.run()
                .forEach(
                    result ->
                        LOG.info(
                            "event=report-checked month={} format={} file={}",
                            result.month(),
                            result.format().id(),
                            result.file()));
          } catch (IOException | RuntimeException e) {
            LOG.warn("event=report-job-failed directory={} error={}", directory, e.toString());
          }
        },
        1,
        60,
        TimeUnit.MINUTES);
    LOG.info("event=report-schedule directory={} formats={}", directory, formats);
    return executor::shutdownNow;
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "event=close-failed {} error={}",
            closeables.get(i).getClass().getSimpleName(),
            e.toString());
      }
    }
  }
}
