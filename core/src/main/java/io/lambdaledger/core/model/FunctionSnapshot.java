package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One function as a listing observed it: what the collector hands to the inventory store.
 *
 * @param arn the function ARN (unqualified)
 * @param runtime nullable: container-image functions have none
 * @param packageType {@code Zip} or {@code Image}
 * @param tags all tags of the function (replaces what was stored)
 * @param provisionedConcurrency every qualifier with provisioned concurrency (replaces what was
 *     stored); empty when there is none
 * @param lastModified nullable: when Lambda says the configuration last changed ({@code
 *     LastModified}); a changed configuration takes effect then rather than at the observation,
 *     when that lies between the current configuration's start and the observation
 */
public record FunctionSnapshot(
    FunctionKey key,
    String arn,
    String runtime,
    String packageType,
    FunctionConfiguration configuration,
    Map<String, String> tags,
    List<ProvisionedConcurrency> provisionedConcurrency,
    Instant lastModified) {

  public FunctionSnapshot {
    requireDescription(key, arn, packageType, configuration);
    tags = Map.copyOf(tags);
    provisionedConcurrency = List.copyOf(provisionedConcurrency);
    if (provisionedConcurrency.stream().map(ProvisionedConcurrency::qualifier).distinct().count()
        != provisionedConcurrency.size()) {
      throw new IllegalArgumentException("duplicate provisioned concurrency qualifier for " + key);
    }
  }

  /** A snapshot without {@code lastModified}: a change takes effect at the observation. */
  public FunctionSnapshot(
      FunctionKey key,
      String arn,
      String runtime,
      String packageType,
      FunctionConfiguration configuration,
      Map<String, String> tags,
      List<ProvisionedConcurrency> provisionedConcurrency) {
    this(key, arn, runtime, packageType, configuration, tags, provisionedConcurrency, null);
  }

  /** A snapshot without tags and without provisioned concurrency. */
  public static FunctionSnapshot of(
      FunctionKey key, String arn, String runtime, FunctionConfiguration configuration) {
    return new FunctionSnapshot(key, arn, runtime, "Zip", configuration, Map.of(), List.of());
  }

  /**
   * What every description of a function has, observed ({@link FunctionSnapshot}) or stored ({@link
   * LambdaFunction}).
   */
  static void requireDescription(
      FunctionKey key, String arn, String packageType, FunctionConfiguration configuration) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(packageType, "packageType");
    Objects.requireNonNull(configuration, "configuration");
  }
}
