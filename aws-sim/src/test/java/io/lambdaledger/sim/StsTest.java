package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS through the real SDK client (AWS Query protocol). */
class StsTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  static AwsSimulator start(String externalId) {
    return AwsSimulator.start(TestSettings.at(NOW, 30).withAccounts(3).withExternalId(externalId));
  }

  @Test
  void credentialsTheSimulatorDidNotIssueBelongToTheFirstAccount() {
    try (AwsSimulator sim = start(null);
        StsClient sts = Sdk.sts(sim.endpoint(), "us-east-1")) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.account()).isEqualTo(sim.accounts().get(0));
      assertThat(me.arn()).startsWith("arn:aws:iam::" + sim.accounts().get(0) + ":");
    }
  }

  @Test
  void assumeRoleMakesTheRolesAccountTheCaller() {
    try (AwsSimulator sim = start(null);
        StsClient sts = Sdk.sts(sim.endpoint(), "us-east-1")) {
      String member = sim.accounts().get(2);
      String roleArn = "arn:aws:iam::" + member + ":role/LambdaLedgerReader";
      AssumeRoleResponse assumed =
          sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("ledger").durationSeconds(900));
      assertThat(assumed.credentials().expiration()).isEqualTo(NOW.plusSeconds(900));
      assertThat(assumed.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + member + ":assumed-role/LambdaLedgerReader/ledger");

      var credentials =
          StaticCredentialsProvider.create(
              AwsSessionCredentials.create(
                  assumed.credentials().accessKeyId(),
                  assumed.credentials().secretAccessKey(),
                  assumed.credentials().sessionToken()));
      try (StsClient asMember =
              StsClient.builder()
                  .endpointOverride(sim.endpoint())
                  .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                  .credentialsProvider(credentials)
                  .build();
          LambdaClient lambda = Sdk.lambda(sim.endpoint(), "us-east-1", credentials)) {
        assertThat(asMember.getCallerIdentity().account()).isEqualTo(member);
        List<FunctionConfiguration> functions =
            lambda.listFunctionsPaginator().functions().stream().toList();
        assertThat(functions).hasSize(10);
        assertThat(functions)
            .allSatisfy(f -> assertThat(f.functionArn()).contains(":" + member + ":"));
      }
    }
  }

  @Test
  void theSdkAssumeRoleCredentialsProviderWorksAgainstTheSimulator() {
    try (AwsSimulator sim = start(null);
        StsClient sts = Sdk.sts(sim.endpoint(), "us-east-1")) {
      String member = sim.accounts().get(1);
      try (StsAssumeRoleCredentialsProvider provider =
              StsAssumeRoleCredentialsProvider.builder()
                  .stsClient(sts)
                  .refreshRequest(
                      b ->
                          b.roleArn("arn:aws:iam::" + member + ":role/Reader")
                              .roleSessionName("s1"))
                  .build();
          LambdaClient lambda = Sdk.lambda(sim.endpoint(), "us-east-1", provider)) {
        assertThat(lambda.listFunctions().functions())
            .allSatisfy(f -> assertThat(f.functionArn()).contains(":" + member + ":"))
            .isNotEmpty();
      }
    }
  }

  @Test
  void assumingARoleOutsideTheEstateOrWithoutTheExternalIdIsDenied() {
    try (AwsSimulator sim = start("s3cret");
        StsClient sts = Sdk.sts(sim.endpoint(), "us-east-1")) {
      String member = sim.accounts().get(1);
      assertThatThrownBy(
              () ->
                  sts.assumeRole(
                      b -> b.roleArn("arn:aws:iam::999999999999:role/R").roleSessionName("x1")))
          .isInstanceOfSatisfying(
              StsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              });
      assertThatThrownBy(
              () ->
                  sts.assumeRole(
                      b -> b.roleArn("arn:aws:iam::" + member + ":role/R").roleSessionName("x1")))
          .isInstanceOf(StsException.class);
      assertThat(
              sts.assumeRole(
                      b ->
                          b.roleArn("arn:aws:iam::" + member + ":role/R")
                              .roleSessionName("x1")
                              .externalId("s3cret"))
                  .credentials()
                  .accessKeyId())
          .startsWith("ASIA" + member);
    }
  }
}
