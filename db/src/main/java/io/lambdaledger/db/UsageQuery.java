package io.lambdaledger.db;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which usage to read: a window {@code [from, to)} on UTC hour boundaries, the accounts the reader
 * may see, and optional filters. An empty filter set means "no filter"; the scope, by contrast,
 * always applies (an empty scope sees nothing).
 *
 * @param regions only these regions (empty: all)
 * @param functions only these functions (empty: all)
 * @param tags only functions carrying every one of these tag values (empty: all)
 */
public record UsageQuery(
    Instant from,
    Instant to,
    AccountScope scope,
    Set<String> regions,
    Set<FunctionKey> functions,
    Map<String, String> tags) {

  public UsageQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(scope, "scope");
    regions = Set.copyOf(regions);
    functions = Set.copyOf(functions);
    tags = Map.copyOf(tags);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "usage window must end after it starts: " + from + ", " + to);
    }
    if (!isHour(from) || !isHour(to)) {
      throw new IllegalArgumentException(
          "usage window must start and end on a UTC hour: " + from + ", " + to);
    }
  }

  /** Every account's usage in {@code [from, to)}. */
  public static UsageQuery between(Instant from, Instant to) {
    return new UsageQuery(from, to, AccountScope.all(), Set.of(), Set.of(), Map.of());
  }

  /** Every account's usage in a UTC calendar month. */
  public static UsageQuery month(YearMonth month) {
    return between(
        month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
        month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  public UsageQuery withScope(AccountScope newScope) {
    return new UsageQuery(from, to, newScope, regions, functions, tags);
  }

  public UsageQuery withRegions(Collection<String> newRegions) {
    return new UsageQuery(from, to, scope, Set.copyOf(newRegions), functions, tags);
  }

  public UsageQuery withFunctions(Collection<FunctionKey> newFunctions) {
    return new UsageQuery(from, to, scope, regions, Set.copyOf(newFunctions), tags);
  }

  public UsageQuery withTags(Map<String, String> newTags) {
    return new UsageQuery(from, to, scope, regions, functions, newTags);
  }

  private static boolean isHour(Instant instant) {
    return instant.truncatedTo(ChronoUnit.HOURS).equals(instant);
  }
}
