package io.lambdaledger.sim;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
    return CloudWatchClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(HTTP)
        .build();
  }

  static LambdaClient lambda(URI endpoint, String region) {
    return lambda(endpoint, region, DUMMY);
  }

  static LambdaClient lambda(URI endpoint, String region, AwsCredentialsProvider credentials) {
    return LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(HTTP)
        .build();
  }

  static StsClient sts(URI endpoint, String region) {
    return StsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(DUMMY)
        .httpClient(HTTP)
        .build();
  }

  static PricingClient pricing(URI endpoint) {
    return PricingClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .httpClient(HTTP)
        .build();
  }

  static ResourceGroupsTaggingApiClient tagging(URI endpoint, String region) {
    return ResourceGroupsTaggingApiClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(DUMMY)
        .httpClient(HTTP)
        .build();
  }
}
