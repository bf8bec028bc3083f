package io.lambdaledger.api.archviolation;

import io.lambdaledger.api.ApiServer;

/**
 * A deliberate breach inside the api, in a feature-like package of the test classes (never in the
 * product): a feature that reaches back into the server. {@code ArchitectureTest} checks that its
 * rule reports it.
 */
public final class FeatureReachingIntoTheServer {

  private FeatureReachingIntoTheServer() {}

  public static String settingsOf(ApiServer server) {
    return server.toString();
  }
}
