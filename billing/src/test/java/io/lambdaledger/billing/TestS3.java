package io.lambdaledger.billing;

import io.lambdaledger.sim.AwsSimulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The real SDK S3 client pointed at a simulator, path-style. */
final class TestS3 {

  private TestS3() {}

  static S3Client client(AwsSimulator sim) {
    return S3Client.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }
}
