package io.lambdaledger.reports;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Region names and billing codes as AWS writes them in bills (usage-type prefixes). us-east-1 has
 * no prefix in Lambda usage types ({@code lambda-billing.md} §1.5).
 */
final class AwsRegions {

  private record Region(String billingCode, String name) {}

  private static final Map<String, Region> REGIONS =
      Map.ofEntries(
          Map.entry("us-east-1", new Region("", "US East (N. Virginia)")),
          Map.entry("us-east-2", new Region("USE2", "US East (Ohio)")),
          Map.entry("us-west-1", new Region("USW1", "US West (N. California)")),
          Map.entry("us-west-2", new Region("USW2", "US West (Oregon)")),
          Map.entry("ca-central-1", new Region("CAN1", "Canada (Central)")),
          Map.entry("ca-west-1", new Region("CAN2", "Canada West (Calgary)")),
          Map.entry("mx-central-1", new Region("MXC1", "Mexico (Central)")),
          Map.entry("af-south-1", new Region("AFS1", "Africa (Cape Town)")),
          Map.entry("ap-east-1", new Region("APE1", "Asia Pacific (Hong Kong)")),
          Map.entry("ap-east-2", new Region("APE2", "Asia Pacific (Taipei)")),
          Map.entry("ap-northeast-1", new Region("APN1", "Asia Pacific (Tokyo)")),
          Map.entry("ap-northeast-2", new Region("APN2", "Asia Pacific (Seoul)")),
          Map.entry("ap-northeast-3", new Region("APN3", "Asia Pacific (Osaka)")),
          Map.entry("ap-southeast-1", new Region("APS1", "Asia Pacific (Singapore)")),
          Map.entry("ap-southeast-2", new Region("APS2", "Asia Pacific (Sydney)")),
          Map.entry("ap-south-1", new Region("APS3", "Asia Pacific (Mumbai)")),
          Map.entry("ap-southeast-3", new Region("APS4", "Asia Pacific (Jakarta)")),
          Map.entry("ap-south-2", new Region("APS5", "Asia Pacific (Hyderabad)")),
          Map.entry("ap-southeast-4", new Region("APS6", "Asia Pacific (Melbourne)")),
          Map.entry("ap-southeast-5", new Region("APS7", "Asia Pacific (Malaysia)")),
          Map.entry("ap-southeast-7", new Region("APS9", "Asia Pacific (Thailand)")),
          Map.entry("eu-west-1", new Region("EU", "Europe (Ireland)")),
          Map.entry("eu-west-2", new Region("EUW2", "Europe (London)")),
          Map.entry("eu-west-3", new Region("EUW3", "Europe (Paris)")),
          Map.entry("eu-central-1", new Region("EUC1", "Europe (Frankfurt)")),
          Map.entry("eu-central-2", new Region("EUC2", "Europe (Zurich)")),
          Map.entry("eu-north-1", new Region("EUN1", "Europe (Stockholm)")),
          Map.entry("eu-south-1", new Region("EUS1", "Europe (Milan)")),
          Map.entry("eu-south-2", new Region("EUS2", "Europe (Spain)")),
          Map.entry("me-south-1", new Region("MES1", "Middle East (Bahrain)")),
          Map.entry("me-central-1", new Region("MEC1", "Middle East (UAE)")),
          Map.entry("il-central-1", new Region("ILC1", "Israel (Tel Aviv)")),
          Map.entry("sa-east-1", new Region("SAE1", "South America (Sao Paulo)")));

  private AwsRegions() {}

  /**
   * The usage-type prefix without its dash: empty for us-east-1; the region id in upper case for a
   * region this table does not know (so it never passes for us-east-1).
   */
  static Optional<String> billingCode(String region) {
    Region known = REGIONS.get(region);
    if (known == null) {
      return Optional.of(region.toUpperCase(Locale.ROOT));
    }
    return known.billingCode().isEmpty() ? Optional.empty() : Optional.of(known.billingCode());
  }

  /** The display name, or the region id itself when this table does not know it. */
  static String name(String region) {
    Region known = REGIONS.get(region);
    return known == null ? region : known.name();
  }
}
