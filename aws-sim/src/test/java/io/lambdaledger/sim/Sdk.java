package io.lambdaledger.sim;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real AWS SDK clients pointed at a simulator, as a user would configure them. */
final class Sdk {

  static final AwsCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "secret"));

  private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();

  private Sdk() {}

  static CloudWatchClient cloudWatch(URI endpoint, String region) {
    return cloudWatch(endpoint, region, DUMMY);
  }

  static CloudWatchClient cloudWatch(
      URI endpoint, String region, AwsCredentialsProvider credentials) {
    return build(CloudWatchClient.builder(), endpoint, Region.of(region), credentials);
  }

  static LambdaClient lambda(URI endpoint, String region) {
    return lambda(endpoint, region, DUMMY);
  }

  static LambdaClient lambda(URI endpoint, String region, AwsCredentialsProvider credentials) {
    return build(LambdaClient.builder(), endpoint, Region.of(region), credentials);
  }

  static StsClient sts(URI endpoint, String region) {
    return build(StsClient.builder(), endpoint, Region.of(region), DUMMY);
  }

  static PricingClient pricing(URI endpoint) {
    return build(PricingClient.builder(), endpoint, Region.US_EAST_1, DUMMY);
  }

  static ResourceGroupsTaggingApiClient tagging(URI endpoint, String region) {
    return build(ResourceGroupsTaggingApiClient.builder(), endpoint, Region.of(region), DUMMY);
  }

  /**
   * A client in {@code us-east-1} that tries each call once, over the SDK's default HTTP client: to
   * see the simulator's faults as the caller gets them.
   */
  static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C withoutRetries(
      B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** Any service's client on the simulator's endpoint, over the shared HTTP client. */
  private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(
      B builder, URI endpoint, Region region, AwsCredentialsProvider credentials) {
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(HTTP)
        .build();
  }
}
