package io.lambdaledger.core.bill;

/** What a billed line item charges for. */
public enum ChargeKind {
  REQUESTS,
  DURATION,
  EPHEMERAL_STORAGE,
  PROVISIONED_CONCURRENCY,
  PROVISIONED_DURATION,
  /** Not a usage of one of the above (a Savings Plan fee, a credit, tax, another usage type). */
  OTHER;

  /**
   * The kind a Lambda usage type names: {@code USE1-Request}, {@code USE1-Request-ARM}, {@code
   * USE1-Lambda-GB-Second[-ARM]}, {@code USE1-Lambda-Provisioned-Concurrency[-ARM]}, {@code
   * USE1-Lambda-Provisioned-GB-Second[-ARM]}, {@code USE1-Lambda-Storage-GB-Second[-ARM]}; the
   * region prefix is optional.
   */
  public static ChargeKind ofUsageType(String usageType) {
    String u = usageType == null ? "" : usageType;
    if (u.contains("Provisioned-Concurrency")) {
      return PROVISIONED_CONCURRENCY;
    }
    if (u.contains("Provisioned-GB-Second")) {
      return PROVISIONED_DURATION;
    }
    if (u.contains("Storage-GB-Second")) {
      return EPHEMERAL_STORAGE;
    }
    if (u.contains("GB-Second")) {
      return DURATION;
    }
    if (u.contains("Request")) {
      return REQUESTS;
    }
    return OTHER;
  }
}
