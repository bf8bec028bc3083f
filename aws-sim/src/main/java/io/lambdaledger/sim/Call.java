package io.lambdaledger.sim;

import java.util.List;
import java.util.Map;

/**
 * One AWS request as the services see it: which operation, for whom and where, and its raw parts.
 *
 * @param path the request path, not percent-decoded
 * @param query query parameters, decoded
 * @param headers request headers, names lower-cased
 */
record Call(
    Service service,
    String operation,
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    String region,
    Identity identity,
    String requestId) {

  enum Service {
    CLOUDWATCH("cloudwatch"),
    LAMBDA("lambda"),
    PRICING("pricing"),
    TAGGING("tag"),
    STS("sts"),
    CLOUDTRAIL("cloudtrail"),
    S3("s3"),
    LOGS("logs");

    /** The service's prefix in IAM actions. */
    final String iamPrefix;

    Service(String iamPrefix) {
      this.iamPrefix = iamPrefix;
    }
  }

  String account() {
    return identity.account();
  }

  String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  String header(String name) {
    return headers.get(name);
  }
}
