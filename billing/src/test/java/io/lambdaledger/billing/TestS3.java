package io.lambdaledger.billing;

import static java.util.stream.Collectors.joining;

import io.lambdaledger.sim.AwsSimulator;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The real SDK S3 client pointed at a simulator, path-style; and exports written to it. */
final class TestS3 {

  private TestS3() {}

  static S3Client client(AwsSimulator sim) {
    return client(sim.endpoint());
  }

  /** A client of the simulator at {@code endpoint} (one started in another process). */
  static S3Client client(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  /**
   * Puts the October 2026 manifest of the export {@code folder/name} in {@code bucket}, listing
   * these columns and data files (put already, by key); returns the export's URI.
   */
  static String putManifest(
      S3Client s3,
      String bucket,
      String folder,
      String name,
      String executionId,
      List<String> columns,
      List<String> dataKeys) {
    String base = folder + "/" + name;
    String manifest =
        "{\"executionId\":\""
            + executionId
            + "\",\"columns\":["
            + columns.stream().map(c -> "{\"name\":\"" + c + "\"}").collect(joining(","))
            + "],\"dataFiles\":["
            + dataKeys.stream().map(k -> "\"s3://" + bucket + "/" + k + "\"").collect(joining(","))
            + "]}";
    s3.putObject(
        b ->
            b.bucket(bucket)
                .key(base + "/metadata/BILLING_PERIOD=2026-10/" + name + "-Manifest.json"),
        RequestBody.fromString(manifest));
    return "s3://" + bucket + "/" + base;
  }
}
