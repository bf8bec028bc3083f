package io.lambdaledger.app;

import java.util.Map;
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
            .credentialsProvider(AwsEnvironment.credentials(environment))
            .httpClient(UrlConnectionHttpClient.create());
    AwsEnvironment.endpoint(environment, "PRICING").ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
