package io.lambdaledger.app;

import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client that reads bill exports. {@code AWS_REGION} (default us-east-1; S3 follows the
 * bucket's Region), {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} (then path-style, as
 * S3-compatible endpoints and the simulator need) and the {@code AWS_ACCESS_KEY_ID} pair are read
 * from the environment the command was given; otherwise the SDK's default credentials chain.
 */
final class S3Clients {
  private S3Clients() {}

  static S3Client create(Map<String, String> environment) {
    return builder(environment).build();
  }

  /** The client of {@link #create}, not built yet: tests add to its configuration. */
  static S3ClientBuilder builder(Map<String, String> environment) {
    String region = environment.getOrDefault("AWS_REGION", "us-east-1");
    var builder =
        S3Client.builder()
            .region(Region.of(region.isBlank() ? "us-east-1" : region))
            .crossRegionAccessEnabled(true)
            .credentialsProvider(AwsEnvironment.credentials(environment))
            .httpClient(UrlConnectionHttpClient.create());
    AwsEnvironment.endpoint(environment, "S3")
        .ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
    return builder;
  }
}
