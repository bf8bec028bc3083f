package io.lambdaledger.app;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;

/**
 * The Price List API client. The API answers only in us-east-1, eu-central-1 and ap-south-1, so the
 * client uses us-east-1 whatever region is being priced. {@code AWS_ENDPOINT_URL_PRICING} or {@code
 * AWS_ENDPOINT_URL} and the {@code AWS_ACCESS_KEY_ID} pair are read from the environment the
 * command was given (the process environment in production), as the SDK itself would.
 */
final class PricingClients {
  private PricingClients() {}

  static PricingClient create(Map<String, String> environment) {
    var builder =
        PricingClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials(environment))
            .httpClient(UrlConnectionHttpClient.create());
    String endpoint =
        environment.getOrDefault("AWS_ENDPOINT_URL_PRICING", environment.get("AWS_ENDPOINT_URL"));
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(Map<String, String> environment) {
    String key = environment.get("AWS_ACCESS_KEY_ID");
    String secret = environment.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
