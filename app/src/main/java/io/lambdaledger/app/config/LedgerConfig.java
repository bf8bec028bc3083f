package io.lambdaledger.app.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The whole configuration: what the YAML file holds, after environment overrides and defaults.
 * Every setting is documented in {@code docs/configuration.md}.
 */
public record LedgerConfig(
    DatabaseConfig database,
    AwsConfig aws,
    CollectorConfig collector,
    ServerConfig server,
    ReportsConfig reports,
    AlertsConfig alerts,
    BillConfig bill,
    RecommendationsConfig recommendations) {

  public LedgerConfig {
    database = database == null ? DatabaseConfig.defaults() : database;
    aws = aws == null ? AwsConfig.defaults() : aws;
    collector = collector == null ? CollectorConfig.defaults() : collector;
    server = server == null ? ServerConfig.defaults() : server;
    reports = reports == null ? ReportsConfig.defaults() : reports;
    alerts = alerts == null ? AlertsConfig.defaults() : alerts;
    bill = bill == null ? BillConfig.defaults() : bill;
    recommendations = recommendations == null ? RecommendationsConfig.defaults() : recommendations;
  }

  public static LedgerConfig defaults() {
    return new LedgerConfig(null, null, null, null, null, null, null, null);
  }

  /** Where usage is stored: the embedded H2 file by default, PostgreSQL in production. */
  public record DatabaseConfig(String url, String user, String password) {
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/lambda-ledger";

    public DatabaseConfig {
      url = url == null || url.isBlank() ? DEFAULT_URL : url;
      user = user == null ? "" : user;
      password = password == null ? "" : password;
    }

    static DatabaseConfig defaults() {
      return new DatabaseConfig(null, null, null);
    }
  }

  /**
   * Which AWS accounts and regions to collect. With no accounts listed, the default credentials'
   * account is collected.
   */
  public record AwsConfig(List<String> regions, List<AccountConfig> accounts) {
    public AwsConfig {
      regions = regions == null ? List.of() : List.copyOf(regions);
      accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    static AwsConfig defaults() {
      return new AwsConfig(null, null);
    }
  }

  /** One account reached by assuming a role in it. */
  public record AccountConfig(
      String id, String name, String roleArn, String externalId, String payerAccountId) {}

  /**
   * How and how often usage is collected.
   *
   * @param interval null unless configured: the budget then chooses each shard's cadence
   * @param budget US dollars a month of CloudWatch API spend for the deployment
   */
  public record CollectorConfig(
      Duration interval,
      Duration period,
      Duration lookback,
      Duration finalityMargin,
      Integer sampleRetentionDays,
      Integer maxConcurrentShards,
      Double getMetricDataTps,
      Double lambdaTps,
      java.math.BigDecimal budget) {
    public CollectorConfig {
      period = period == null ? Duration.ofMinutes(5) : period;
      lookback = lookback == null ? Duration.ofMinutes(30) : lookback;
      finalityMargin = finalityMargin == null ? Duration.ofMinutes(10) : finalityMargin;
      sampleRetentionDays = sampleRetentionDays == null ? 35 : sampleRetentionDays;
      maxConcurrentShards = maxConcurrentShards == null ? 4 : maxConcurrentShards;
      getMetricDataTps = getMetricDataTps == null ? 25.0 : getMetricDataTps;
      lambdaTps = lambdaTps == null ? 10.0 : lambdaTps;
      budget = budget == null ? new java.math.BigDecimal("15") : budget;
    }

    static CollectorConfig defaults() {
      return new CollectorConfig(null, null, null, null, null, null, null, null, null);
    }
  }

  /** The HTTP API and dashboard. */
  public record ServerConfig(
      String host, Integer port, Boolean authEnabled, List<TokenConfig> tokens) {
    public ServerConfig {
      host = host == null || host.isBlank() ? "0.0.0.0" : host;
      port = port == null ? 8080 : port;
      authEnabled = authEnabled == null ? Boolean.TRUE : authEnabled;
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    static ServerConfig defaults() {
      return new ServerConfig(null, null, null, null);
    }
  }

  /**
   * A bearer token, configured by its SHA-256 hash (hex) so the file holds no secret; {@code
   * accounts} empty means every account.
   */
  public record TokenConfig(String name, String sha256, String role, List<String> accounts) {
    public TokenConfig {
      accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
  }

  /** Monthly reports written by {@code serve} once a month is final. */
  public record ReportsConfig(String directory, List<String> formats) {
    public ReportsConfig {
      formats =
          formats == null || formats.isEmpty() ? List.of("csv", "focus") : List.copyOf(formats);
    }

    static ReportsConfig defaults() {
      return new ReportsConfig(null, null);
    }
  }

  /**
   * The real bill, imported by {@code serve} from AWS Data Exports.
   *
   * @param exports the exports' folders ({@code s3://BUCKET/PREFIX/EXPORT-NAME}); none: no import
   * @param importInterval how often the exports are read for new versions (default one hour)
   */
  public record BillConfig(List<String> exports, Duration importInterval) {
    public BillConfig {
      exports = exports == null ? List.of() : List.copyOf(exports);
      importInterval = importInterval == null ? Duration.ofHours(1) : importInterval;
    }

    static BillConfig defaults() {
      return new BillConfig(null, null);
    }
  }

  /**
   * Savings recommendations: {@code serve} reads the functions' REPORT lines with Logs Insights
   * once a day (see {@code docs/recommendations.md}).
   *
   * @param scanBudget US dollars a calendar month Logs Insights may cost, every scan of the
   *     deployment together ({@code serve}'s and {@code recommend}'s); 0: {@code serve} does not
   *     scan
   * @param lookbackDays whole UTC days before today a scan reads
   */
  public record RecommendationsConfig(BigDecimal scanBudget, Integer lookbackDays) {

    public static final BigDecimal DEFAULT_SCAN_BUDGET = new BigDecimal("1.00");

    public RecommendationsConfig {
      scanBudget = scanBudget == null ? DEFAULT_SCAN_BUDGET : scanBudget;
      lookbackDays = lookbackDays == null ? 14 : lookbackDays;
    }

    static RecommendationsConfig defaults() {
      return new RecommendationsConfig(null, null);
    }
  }
}
