package io.lambdaledger.reports;

import java.util.Map;

/** Region display names as AWS writes them (FOCUS RegionName). */
final class AwsRegions {

  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("us-east-1", "US East (N. Virginia)"),
          Map.entry("us-east-2", "US East (Ohio)"),
          Map.entry("us-west-1", "US West (N. California)"),
          Map.entry("us-west-2", "US West (Oregon)"),
          Map.entry("ca-central-1", "Canada (Central)"),
          Map.entry("ca-west-1", "Canada West (Calgary)"),
          Map.entry("mx-central-1", "Mexico (Central)"),
          Map.entry("af-south-1", "Africa (Cape Town)"),
          Map.entry("ap-east-1", "Asia Pacific (Hong Kong)"),
          Map.entry("ap-east-2", "Asia Pacific (Taipei)"),
          Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"),
          Map.entry("ap-northeast-2", "Asia Pacific (Seoul)"),
          Map.entry("ap-northeast-3", "Asia Pacific (Osaka)"),
          Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
          Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"),
          Map.entry("ap-south-1", "Asia Pacific (Mumbai)"),
          Map.entry("ap-southeast-3", "Asia Pacific (Jakarta)"),
          Map.entry("ap-south-2", "Asia Pacific (Hyderabad)"),
          Map.entry("ap-southeast-4", "Asia Pacific (Melbourne)"),
          Map.entry("ap-southeast-5", "Asia Pacific (Malaysia)"),
          Map.entry("ap-southeast-7", "Asia Pacific (Thailand)"),
          Map.entry("eu-west-1", "Europe (Ireland)"),
          Map.entry("eu-west-2", "Europe (London)"),
          Map.entry("eu-west-3", "Europe (Paris)"),
          Map.entry("eu-central-1", "Europe (Frankfurt)"),
          Map.entry("eu-central-2", "Europe (Zurich)"),
          Map.entry("eu-north-1", "Europe (Stockholm)"),
          Map.entry("eu-south-1", "Europe (Milan)"),
          Map.entry("eu-south-2", "Europe (Spain)"),
          Map.entry("me-south-1", "Middle East (Bahrain)"),
          Map.entry("me-central-1", "Middle East (UAE)"),
          Map.entry("il-central-1", "Israel (Tel Aviv)"),
          Map.entry("sa-east-1", "South America (Sao Paulo)"));

  private AwsRegions() {}

  /** The display name, or the region id itself when this table does not know it. */
  static String name(String region) {
    return NAMES.getOrDefault(region, region);
  }
}
