package io.lambdaledger.collector;

import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/** The SDK clients of one shard, all with the shard's region and credentials. */
record ShardClients(
    Shard shard,
    CloudWatchClient cloudWatch,
    LambdaClient lambda,
    ResourceGroupsTaggingApiClient tagging,
    CloudTrailClient cloudTrail)
    implements AutoCloseable {

  @Override
  public void close() {
    cloudWatch.close();
    lambda.close();
    tagging.close();
    cloudTrail.close();
  }
}
