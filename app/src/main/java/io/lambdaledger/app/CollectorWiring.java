package io.lambdaledger.app;

import io.lambdaledger.app.config.LedgerConfig;
import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.CollectionTarget;
import io.lambdaledger.collector.CollectorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Turns the configuration into what the collector takes: its settings, the accounts and regions to
 * collect, and the SDK client factory (which leaves endpoints, region and credentials to the SDK's
 * own resolution, so {@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, {@code AWS_PROFILE} … apply).
 */
public final class CollectorWiring {

  private CollectorWiring() {}

  public static CollectorSettings settings(LedgerConfig config) {
    LedgerConfig.CollectorConfig c = config.collector();
    CollectorSettings defaults = CollectorSettings.defaults();
    return new CollectorSettings(
        c.interval() == null ? defaults.interval() : c.interval(),
        c.period(),
        c.lookback(),
        c.finalityMargin(),
        c.sampleRetentionDays(),
        c.maxConcurrentShards(),
        c.getMetricDataTps(),
        c.lambdaTps(),
        defaults.inventoryInterval(),
        defaults.callsInFlight(),
        c.budget(),
        c.interval() != null);
  }

  /**
   * The configured accounts (or the default credentials' account) in the configured regions (or the
   * SDK's region).
   *
   * @throws UsageException if no region is configured and the SDK finds none either
   */
  public static List<CollectionTarget> targets(LedgerConfig config) {
    return targets(config, System.getenv());
  }

  /** As {@link #targets(LedgerConfig)}, with the AWS settings read from {@code environment}. */
  public static List<CollectionTarget> targets(
      LedgerConfig config, Map<String, String> environment) {
    List<String> regions = config.aws().regions();
    if (regions.isEmpty()) {
      regions = List.of(defaultRegion(environment));
    }
    List<String> finalRegions = regions;
    if (config.aws().accounts().isEmpty()) {
      return List.of(new CollectionTarget(AwsAccount.defaultCredentials(), null, null, regions));
    }
    return config.aws().accounts().stream()
        .map(
            account ->
                new CollectionTarget(
                    new AwsAccount(account.id(), account.roleArn(), account.externalId()),
                    account.name(),
                    account.payerAccountId(),
                    finalRegions))
        .toList();
  }

  /** SDK clients as the process environment configures them. */
  public static AwsClientFactory clientFactory() {
    return clientFactory(System.getenv());
  }

  /**
   * SDK clients as the environment configures them ({@code Main.environment()}: the process
   * environment in production, a map in tests).
   */
  public static AwsClientFactory clientFactory(Map<String, String> environment) {
    return new AwsClientFactory(AwsClientFactory.Options.fromEnvironment(environment));
  }

  /** How often a scheduler polls for due shards. */
  public static Duration schedulerPollingInterval(LedgerConfig config) {
    Duration interval = config.collector().interval();
    Duration tenSeconds = Duration.ofSeconds(10);
    return interval != null && interval.compareTo(tenSeconds) < 0 ? interval : tenSeconds;
  }

  private static String defaultRegion(Map<String, String> environment) {
    for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      String region = environment.get(variable);
      if (region != null && !region.isBlank()) {
        return region.strip();
      }
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
    } catch (SdkClientException e) {
      throw new UsageException(
          "no AWS region to collect: set aws.regions in the configuration, LEDGER_REGIONS or"
              + " AWS_REGION");
    }
  }
}
