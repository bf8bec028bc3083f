package io.lambdaledger.sim;

import io.lambdaledger.core.pricing.PriceBooks;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running AWS simulator: one HTTP endpoint that unmodified AWS SDK clients (CloudWatch, Lambda,
 * Pricing, STS, tagging, CloudTrail) can be pointed at, serving a synthetic Lambda estate whose
 * exact usage is known.
 *
 * <pre>{@code
 * try (AwsSimulator sim = AwsSimulator.start(SimulatorSettings.defaults().withFunctions(1000))) {
 *   CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(sim.endpoint())…;
 *   Truth truth = sim.truth(from, to);
 * }
 * }</pre>
 */
public final class AwsSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AwsSimulator.class);

  private final SimulatorSettings settings;
  private final Workload workload;
  private final FaultInjector faults;
  private final StatsRecorder stats = new StatsRecorder();
  private final TruthCalculator truthCalculator;
  private final TruthPricer pricer;
  private final SimServer server;
  private final LogsInsightsService logs;
  private final URI endpoint;

  private AwsSimulator(SimulatorSettings settings) {
    this.settings = settings;
    this.workload =
        new Workload(
            settings.seed(),
            settings.functions(),
            settings.accounts(),
            settings.regions(),
            settings.effectiveStart().getEpochSecond(),
            settings.savingsCases(),
            settings.seasonality(),
            settings.spike());
    this.logs = new LogsInsightsService(workload, settings.clock());
    this.faults = new FaultInjector(settings.faults(), settings.seed());
    this.truthCalculator = new TruthCalculator(workload);
    PriceBooks books = PriceBooks.bundled();
    for (String region : settings.regions()) {
      if (!books.latest().hasRegion(region)) {
        throw new IllegalArgumentException(
            "Region "
                + region
                + " is not in the bundled price book (it covers "
                + books.latest().regions()
                + ")");
      }
    }
    this.pricer =
        new TruthPricer(
            books,
            settings.consolidatedBilling() ? workload.accounts().get(0) : null,
            settings.seed());
    Identities identities = new Identities(workload.accounts());
    S3Objects objects = new S3Objects();
    BillingExports exports =
        new BillingExports(
            workload, truthCalculator, pricer, objects, BillingExports.LINES_PER_FILE);
    this.server =
        new SimServer(
            new CloudWatchService(
                workload, settings.clock(), settings.lag().toMillis(), faults, stats),
            new LambdaService(workload, settings.clock()),
            new PricingService(PriceListProducts.of(books.latest())),
            new TaggingService(workload),
            new StsService(identities, settings.clock(), settings.externalId(), settings.seed()),
            new CloudTrailService(workload, settings.clock(), System::nanoTime),
            new S3Service(objects, exports, settings.clock()),
            logs,
            identities,
            faults,
            stats,
            new ControlApi(this));
    int port = server.start(settings.bindAddress(), settings.port());
    String host = settings.bindAddress();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.endpoint = URI.create("http://" + host + ":" + port);
    LOG.info(
        "AWS simulator at {}: {} functions, accounts {}, regions {}, seed {}, data from {}",
        endpoint,
        settings.functions(),
        workload.accounts(),
        settings.regions(),
        settings.seed(),
        start());
  }

  /** The CUR 2.0 export of the simulated bill, CSV+GZIP (see docs/simulator.md, S3). */
  public static final String CUR2_CSV_EXPORT = BillingExports.Export.CUR2_CSV.uri();

  /** The CUR 2.0 export of the simulated bill, Parquet. */
  public static final String CUR2_PARQUET_EXPORT = BillingExports.Export.CUR2_PARQUET.uri();

  /** The FOCUS 1.2 export of the simulated bill, CSV+GZIP. */
  public static final String FOCUS_CSV_EXPORT = BillingExports.Export.FOCUS_CSV.uri();

  /** The FOCUS 1.2 export of the simulated bill, Parquet. */
  public static final String FOCUS_PARQUET_EXPORT = BillingExports.Export.FOCUS_PARQUET.uri();

  /** Generates the estate and starts serving it. */
  public static AwsSimulator start(SimulatorSettings settings) {
    return new AwsSimulator(settings);
  }

  /**
   * Base URI for {@code endpointOverride} / {@code AWS_ENDPOINT_URL}, e.g. http://127.0.0.1:4566.
   */
  public URI endpoint() {
    return endpoint;
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /**
   * Account ids of the estate; the first is the caller of credentials the simulator did not issue.
   */
  public List<String> accounts() {
    return workload.accounts();
  }

  public List<String> regions() {
    return workload.regions();
  }

  /** The first instant with data. */
  public Instant start() {
    return Instant.ofEpochSecond(workload.startEpochSecond());
  }

  /** Every function, as Lambda describes it at the simulator's "now". */
  public List<SimulatedFunction> functions() {
    long now = settings.clock().instant().getEpochSecond();
    return workload.functions().stream().map(f -> SimulatedFunction.of(f, now)).toList();
  }

  /**
   * The exact usage of every function in [from, to) (minutes that have ended by "now"), and its
   * bill.
   */
  public Truth truth(Instant from, Instant to) {
    return truth(from, to, null, null);
  }

  /**
   * The exact usage of the selected functions in [from, to), and its bill.
   *
   * @param account only this account, or null for all
   * @param region only this Region, or null for all
   */
  public Truth truth(Instant from, Instant to, String account, String region) {
    long now = settings.clock().instant().getEpochSecond();
    long begin = Math.max(from.getEpochSecond(), workload.startEpochSecond());
    long end = Math.min(to.getEpochSecond(), now);
    Map<String, FunctionTruth> functions = new LinkedHashMap<>();
    List<MonthlyBill> bills = new ArrayList<>();
    if (begin >= end) {
      truthCalculator
          .compute(begin, begin, now, account, region)
          .forEach(f -> functions.put(f.arn(), f));
    }
    for (long sliceStart = begin; sliceStart < end; ) {
      YearMonth month = YearMonth.from(Instant.ofEpochSecond(sliceStart).atOffset(ZoneOffset.UTC));
      long sliceEnd =
          Math.min(end, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
      List<FunctionTruth> slice =
          truthCalculator.compute(sliceStart, sliceEnd, now, account, region);
      bills.add(
          pricer.price(
              month, Instant.ofEpochSecond(sliceStart), Instant.ofEpochSecond(sliceEnd), slice));
      for (FunctionTruth f : slice) {
        functions.merge(f.arn(), f, FunctionTruth::plus);
      }
      sliceStart = sliceEnd;
    }
    return new Truth(from, to, List.copyOf(functions.values()), bills);
  }

  Map<String, Object> truthJson(Instant from, Instant to, String account, String region) {
    Truth truth = truth(from, to, account, region);
    Map<String, Object> json = TruthJson.of(truth, settings.consolidatedBilling());
    if (settings.savingsCases()) {
      Map<String, Object> withSavings = new LinkedHashMap<>(json);
      withSavings.put("savings", savings(truth));
      json = withSavings;
    }
    if (settings.seasonality() != null || settings.spike() != null) {
      Map<String, Object> withPlanted = new LinkedHashMap<>(json);
      withPlanted.put("planted", planted());
      json = withPlanted;
    }
    return json;
  }

  /** The planted seasonal pattern and spike ({@code null} where none is planted). */
  private Map<String, Object> planted() {
    Map<String, Object> planted = new LinkedHashMap<>();
    Seasonality seasonality = settings.seasonality();
    Map<String, Object> season = null;
    if (seasonality != null) {
      season = new LinkedHashMap<>();
      season.put("weekendFactor", seasonality.weekendFactor());
      season.put("dailyAmplitude", seasonality.dailyAmplitude());
      season.put("peakHourUtc", seasonality.peakHourUtc());
    }
    planted.put("seasonality", season);
    Spike spike = settings.spike();
    Map<String, Object> spiked = null;
    if (spike != null) {
      FunctionProfile f =
          workload.functions().stream()
              .filter(p -> p.name.equals(spike.function()))
              .findFirst()
              .orElseThrow();
      spiked = new LinkedHashMap<>();
      spiked.put("account", f.account);
      spiked.put("region", f.region);
      spiked.put("name", f.name);
      spiked.put("from", spike.start().toString());
      spiked.put("to", spike.end().toString());
      spiked.put("factor", spike.factor());
    }
    planted.put("spike", spiked);
    return planted;
  }

  /** The planted savings cases' kinds and true monthly savings over the truth's window. */
  private List<Map<String, Object>> savings(Truth truth) {
    long now = settings.clock().instant().getEpochSecond();
    long from = Math.max(truth.from().getEpochSecond(), workload.startEpochSecond());
    long to = Math.min(truth.to().getEpochSecond(), now);
    ReportDays reports = new ReportDays(workload);
    Map<String, Integer> maxUsed = new LinkedHashMap<>();
    for (FunctionProfile f : workload.functions()) {
      if (SavingsCases.kindOf(f.name) != SavingsCases.Kind.MEMORY) {
        continue;
      }
      int max = 0;
      for (long day = Math.floorDiv(from, 86_400) * 86_400; day < to; day += 86_400) {
        max = Math.max(max, reports.maxMemoryUsed(f, day, f.config(0).memoryMb()));
      }
      maxUsed.put(f.name, max);
    }
    return SavingsCases.truth(
        workload, truth, Math.max(1, to - from), PriceBooks.bundled().latest(), maxUsed);
  }

  /** Logs Insights queries started and the bytes they scanned. */
  public long logsInsightsBytesScanned() {
    return logs.bytesScanned();
  }

  long logsInsightsQueries() {
    return logs.queriesStarted();
  }

  public SimulatorStats stats() {
    return stats.snapshot();
  }

  public void resetStats() {
    stats.reset();
    logs.resetStats();
  }

  public Faults faults() {
    return faults.current();
  }

  /** Replaces the fault rules; counts ({@code throttleNext} …) start afresh. */
  public void setFaults(Faults newFaults) {
    faults.set(newFaults);
  }

  @Override
  public void close() {
    server.stop();
  }
}
