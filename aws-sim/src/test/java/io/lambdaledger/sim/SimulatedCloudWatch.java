package io.lambdaledger.sim;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * A simulator and a CloudWatch client on it ({@code us-east-1}) for a whole test class: register it
 * as a static {@code @RegisterExtension} field; both start before the class's tests and close after
 * them.
 */
final class SimulatedCloudWatch implements BeforeAllCallback, AfterAllCallback {

  private final SimulatorSettings settings;
  private AwsSimulator sim;
  private CloudWatchClient cw;

  SimulatedCloudWatch(SimulatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sim = AwsSimulator.start(settings);
    cw = Sdk.cloudWatch(sim.endpoint(), "us-east-1");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    cw.close();
    sim.close();
  }

  AwsSimulator sim() {
    return sim;
  }

  CloudWatchClient cw() {
    return cw;
  }
}
