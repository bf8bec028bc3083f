package io.lambdaledger.collector;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Builds the SDK clients of each shard. Endpoints and credentials not given in the {@link Options}
 * are resolved by the SDK itself, so {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>},
 * {@code AWS_PROFILE}, web identity and the rest of the standard settings apply unchanged. Accounts
 * with a role are reached through STS AssumeRole (with the external ID when configured), refreshed
 * automatically by the SDK. One HTTP connection pool is shared by every client and closed with this
 * factory.
 */
public final class AwsClientFactory implements AutoCloseable {

  /** The name the collector's sessions carry in the member accounts' CloudTrail. */
  public static final String ROLE_SESSION_NAME = "lambda-ledger";

  /**
   * What the factory needs.
   *
   * @param endpointOverride null to let the SDK resolve endpoints (and {@code AWS_ENDPOINT_URL})
   * @param baseCredentials credentials of the collector itself, used to assume roles
   * @param retry how every client retries
   * @param maxConnections size of the shared HTTP connection pool
   */
  public record Options(
      URI endpointOverride,
      Map<String, URI> serviceEndpoints,
      AwsCredentialsProvider baseCredentials,
      RetrySettings retry,
      int maxConnections) {

    /** Service keys of {@code AWS_ENDPOINT_URL_<KEY>} for the clients this factory builds. */
    public static final List<String> SERVICE_KEYS =
        List.of(
            "CLOUDWATCH",
            "LAMBDA",
            "RESOURCE_GROUPS_TAGGING_API",
            "STS",
            "CLOUDTRAIL",
            "CLOUDWATCH_LOGS");

    public Options {
      serviceEndpoints = Map.copyOf(serviceEndpoints);
    }

    /** One endpoint for every service (a simulator), or null for the SDK's resolution. */
    public Options(
        URI endpointOverride,
        AwsCredentialsProvider baseCredentials,
        RetrySettings retry,
        int maxConnections) {
      this(endpointOverride, Map.of(), baseCredentials, retry, maxConnections);
    }

    /** The SDK's own resolution of everything, for production. */
    public static Options fromEnvironment() {
      return fromEnvironment(System.getenv());
    }

    /**
     * The standard AWS settings read from {@code environment} (the process environment in
     * production; a map in tests): {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>},
     * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN}.
     * Whatever is not there is left to the SDK's default resolution (profiles, web identity,
     * container and instance credentials).
     */
    public static Options fromEnvironment(Map<String, String> environment) {
      URI endpoint = uri(environment.get("AWS_ENDPOINT_URL"));
      Map<String, URI> perService = new java.util.HashMap<>();
      for (String key : SERVICE_KEYS) {
        URI uri = uri(environment.get("AWS_ENDPOINT_URL_" + key));
        if (uri != null) {
          perService.put(key, uri);
        }
      }
      String keyId = environment.get("AWS_ACCESS_KEY_ID");
      String secret = environment.get("AWS_SECRET_ACCESS_KEY");
      AwsCredentialsProvider credentials;
      if (keyId != null && !keyId.isBlank() && secret != null && !secret.isBlank()) {
        String token = environment.get("AWS_SESSION_TOKEN");
        credentials =
            StaticCredentialsProvider.create(
                token == null || token.isBlank()
                    ? AwsBasicCredentials.create(keyId, secret)
                    : AwsSessionCredentials.create(keyId, secret, token));
      } else {
        credentials = DefaultCredentialsProvider.builder().build();
      }
      return new Options(endpoint, perService, credentials, RetrySettings.defaults(), 64);
    }

    private static URI uri(String value) {
      return value == null || value.isBlank() ? null : URI.create(value.strip());
    }

    URI endpointFor(String serviceKey) {
      return serviceEndpoints.getOrDefault(serviceKey, endpointOverride);
    }
  }

  private final Options options;
  private final SdkHttpClient httpClient;
  private final Map<String, StsClient> stsClients = new ConcurrentHashMap<>();
  private final Map<AwsAccount, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();

  public AwsClientFactory(Options options) {
    this.options = options;
    this.httpClient =
        Apache5HttpClient.builder()
            .maxConnections(options.maxConnections())
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
  }

  /** The clients of one account in one region; close them when the shard is done. */
  ShardClients clientsFor(AwsAccount account, Shard shard) {
    AwsCredentialsProvider provider = credentialsFor(account, shard.region());
    return new ShardClients(
        shard,
        configure(CloudWatchClient.builder(), "CLOUDWATCH", shard.region(), provider).build(),
        configure(LambdaClient.builder(), "LAMBDA", shard.region(), provider).build(),
        configure(
                ResourceGroupsTaggingApiClient.builder(),
                "RESOURCE_GROUPS_TAGGING_API",
                shard.region(),
                provider)
            .build(),
        configure(CloudTrailClient.builder(), "CLOUDTRAIL", shard.region(), provider).build());
  }

  /**
   * A CloudWatch Logs client of one account in one region (Logs Insights for the savings
   * recommendations); the caller closes it.
   */
  public CloudWatchLogsClient logsClient(AwsAccount account, String region) {
    return configure(
            CloudWatchLogsClient.builder(),
            "CLOUDWATCH_LOGS",
            region,
            credentialsFor(account, region))
        .build();
  }

  /**
   * The id of the account an {@link AwsAccount} reaches: the configured id if given, else what STS
   * GetCallerIdentity says about the credentials.
   */
  String accountIdOf(AwsAccount account, String region) {
    if (account.accountId() != null) {
      return account.accountId();
    }
    AwsCredentialsProvider provider = credentialsFor(account, region);
    try (StsClient sts = configure(StsClient.builder(), "STS", region, provider).build()) {
      return sts.getCallerIdentity().account();
    }
  }

  private AwsCredentialsProvider credentialsFor(AwsAccount account, String region) {
    if (!account.assumesRole()) {
      return options.baseCredentials();
    }
    return credentials.computeIfAbsent(
        account,
        key -> {
          AssumeRoleRequest.Builder request =
              AssumeRoleRequest.builder().roleArn(key.roleArn()).roleSessionName(ROLE_SESSION_NAME);
          if (key.externalId() != null && !key.externalId().isBlank()) {
            request.externalId(key.externalId());
          }
          return StsAssumeRoleCredentialsProvider.builder()
              .stsClient(stsClient(region))
              .refreshRequest(request.build())
              .asyncCredentialUpdateEnabled(false)
              .build();
        });
  }

  private StsClient stsClient(String region) {
    return stsClients.computeIfAbsent(
        region,
        key -> configure(StsClient.builder(), "STS", key, options.baseCredentials()).build());
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, String serviceKey, String region, AwsCredentialsProvider provider) {
    builder.region(Region.of(region)).credentialsProvider(provider);
    URI endpoint = options.endpointFor(serviceKey);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    builder.overrideConfiguration(
        ClientOverrideConfiguration.builder().retryStrategy(retryStrategy()).build());
    if (builder
        instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
      sync.httpClient(httpClient);
    }
    return builder;
  }

  private RetryStrategy retryStrategy() {
    RetrySettings retry = options.retry();
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(retry.maxAttempts())
        .circuitBreakerEnabled(false)
        .backoffStrategy(
            BackoffStrategy.exponentialDelay(retry.baseDelay(), RetrySettings.MAX_BACKOFF))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(
                retry.throttlingBaseDelay(), RetrySettings.MAX_BACKOFF))
        .build();
  }

  @Override
  public void close() {
    credentials
        .values()
        .forEach(
            provider -> {
              if (provider instanceof AutoCloseable closeable) {
                try {
                  closeable.close();
                } catch (Exception e) {
                  // closing a credentials refresher cannot fail in a way worth reporting
                }
              }
            });
    stsClients.values().forEach(StsClient::close);
    httpClient.close();
  }
}
