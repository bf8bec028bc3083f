package io.lambdaledger.app;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What a command's SDK client reads from the environment the command was given (the process
 * environment in production), as the SDK itself would: the endpoint and the access key pair.
 */
final class AwsEnvironment {
  private AwsEnvironment() {}

  /** The {@code AWS_ACCESS_KEY_ID} pair when both are set; otherwise the default chain. */
  static AwsCredentialsProvider credentials(Map<String, String> environment) {
    String key = environment.get("AWS_ACCESS_KEY_ID");
    String secret = environment.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /**
   * {@code AWS_ENDPOINT_URL_<service>} (for example {@code S3}), else {@code AWS_ENDPOINT_URL};
   * empty when neither is set.
   */
  static Optional<URI> endpoint(Map<String, String> environment, String service) {
    String endpoint =
        environment.getOrDefault(
            "AWS_ENDPOINT_URL_" + service, environment.get("AWS_ENDPOINT_URL"));
    return endpoint == null || endpoint.isBlank()
        ? Optional.empty()
        : Optional.of(URI.create(endpoint));
  }
}
