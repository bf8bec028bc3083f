package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * The month-to-date cost at given instants of a month, and the rule that makes part of a month out
 * of them: the cost of {@code [a, b)} within one month is the month to date at {@code b} minus the
 * month to date at {@code a}, line by line ({@link #between}). That is how the bill accrues: the
 * free tier covers the month's first usage, so early days can cost nothing and later days full
 * price. Read through {@link UsageReader}; what a month to date is priced as ({@code T}, a
 * snapshot) and where priced snapshots are kept ({@link Cache}) are the caller's.
 *
 * @param <T> a month to date priced over every account
 */
public final class MonthToDate<T> {

  /** Prices usage that is all in one month, from the month's start (the month to date). */
  public interface Pricer<T> {
    T price(YearMonth month, List<FunctionUsage> usage);
  }

  /**
   * Priced snapshots kept by month, boundary and the month's usage stamp ({@link
   * UsageReader#monthStamp}): a snapshot is reused while the stamp is equal.
   */
  public interface Cache<T> {

    /** The kept snapshot, or {@code price}'s (kept). */
    T get(YearMonth month, Instant boundary, Object stamp, Supplier<T> price);

    /** The kept snapshot, or null. */
    T peek(YearMonth month, Instant boundary, Object stamp);

    /** Keeps a snapshot priced elsewhere. */
    void put(YearMonth month, Instant boundary, Object stamp, T snapshot);
  }

  private final UsageReader usage;
  private final Pricer<T> pricer;
  private final T empty;
  private final Cache<T> cache;

  /**
   * @param empty the month to date at the month's start (nothing used yet)
   */
  public MonthToDate(UsageReader usage, Pricer<T> pricer, T empty, Cache<T> cache) {
    this.usage = usage;
    this.pricer = pricer;
    this.empty = empty;
    this.cache = cache;
  }

  /**
   * The month to date of {@code month} at each of {@code boundaries} (instants within the month or
   * at its end). Boundaries after now cost what now costs (there is no later usage); at the month's
   * start nothing is used. Two boundaries or fewer: one read of the totals each; more: one read of
   * the hour buckets (day buckets when every boundary is a whole day), summed up in order.
   */
  public Map<Instant, T> at(YearMonth month, Collection<Instant> boundaries) {
    Instant monthStart = monthStart(month);
    Map<Instant, T> snapshots = new HashMap<>();
    List<Instant> toPrice = new ArrayList<>();
    for (Instant boundary : boundaries) {
      if (!boundary.isAfter(monthStart)) {
        snapshots.put(boundary, empty);
      } else if (!toPrice.contains(boundary)) {
        toPrice.add(boundary);
      }
    }
    if (toPrice.isEmpty()) {
      return snapshots;
    }
    Object stamp = usage.monthStamp(monthStart);
    if (toPrice.size() <= 2) {
      for (Instant boundary : toPrice) {
        snapshots.put(
            boundary,
            cache.get(
                month,
                boundary,
                stamp,
                () -> pricer.price(month, usage.totals(monthStart, boundary))));
      }
      return snapshots;
    }
    Map<Instant, T> cached = new HashMap<>();
    for (Instant boundary : toPrice) {
      T snapshot = cache.peek(month, boundary, stamp);
      if (snapshot != null) {
        cached.put(boundary, snapshot);
      }
    }
    if (cached.size() == toPrice.size()) {
      snapshots.putAll(cached);
      return snapshots;
    }
    Instant last = toPrice.get(toPrice.size() - 1);
    boolean wholeDays = toPrice.stream().allMatch(b -> b.truncatedTo(ChronoUnit.DAYS).equals(b));
    List<UsageReader.Bucket> buckets =
        new ArrayList<>(
            usage.buckets(
                wholeDays ? UsageReader.Granularity.DAY : UsageReader.Granularity.HOUR,
                monthStart,
                last));
    buckets.sort(Comparator.comparing(UsageReader.Bucket::start));
    Map<Line, FunctionUsage> running = new LinkedHashMap<>();
    int next = 0;
    T previous = null;
    boolean changed = true;
    for (Instant boundary : toPrice) {
      while (next < buckets.size() && buckets.get(next).start().isBefore(boundary)) {
        FunctionUsage add = buckets.get(next++).usage();
        running.merge(
            Line.of(add),
            add,
            (a, b) ->
                new FunctionUsage(
                    a.function(),
                    a.payerAccountId(),
                    a.configuration(),
                    a.usage().plus(b.usage())));
        changed = true;
      }
      if (changed || previous == null) {
        previous = pricer.price(month, List.copyOf(running.values()));
        changed = false;
      }
      snapshots.put(boundary, previous);
      cache.put(month, boundary, stamp, previous);
    }
    return snapshots;
  }

  /** What a bucket is summed by: one function under one billing configuration, and its payer. */
  private record Line(FunctionKey function, BillingConfiguration configuration, String payer) {
    static Line of(FunctionUsage usage) {
      return new Line(usage.function(), usage.configuration(), usage.payerAccountId());
    }
  }

  /**
   * The cost of {@code [a, b)} per line, from the lines' month to date at {@code a} ({@code from})
   * and at {@code b} ({@code to}): {@code to} minus {@code from}, a line missing on one side
   * counted as {@code zero}; {@code to} itself when nothing was used by {@code a}. In {@code to}'s
   * line order, then {@code from}'s lines that {@code to} does not have.
   */
  public static <K, V> Map<K, V> between(
      Map<K, V> from, Map<K, V> to, V zero, BinaryOperator<V> minus) {
    if (from.isEmpty()) {
      return to;
    }
    Set<K> keys = new LinkedHashSet<>(to.keySet());
    keys.addAll(from.keySet());
    Map<K, V> out = new LinkedHashMap<>();
    for (K key : keys) {
      out.put(key, minus.apply(to.getOrDefault(key, zero), from.getOrDefault(key, zero)));
    }
    return out;
  }

  /**
   * The instants whose month to date the estimated parts of a window need: each estimated part's
   * start and end, in order (billed parts need none).
   */
  public static List<Instant> boundaries(List<BillCover.Part> parts) {
    List<Instant> boundaries = new ArrayList<>();
    for (BillCover.Part part : parts) {
      if (!part.billed()) {
        boundaries.add(part.start());
        boundaries.add(part.end());
      }
    }
    return boundaries;
  }

  /**
   * What figures of {@code [start, end)} as of {@code now} are, in this order: not final (usage
   * newer than {@code finalityHorizon} may still change, {@code NOT_FINAL}), month to date (the
   * last month of the window not over, {@code MONTH_NOT_OVER}), the difference of two months to
   * date ({@code PART_OF_MONTH}, when the window does not start and end on month starts).
   */
  public static List<CostWarning> windowWarnings(
      Instant start, Instant end, Instant now, Duration finalityHorizon) {
    List<CostWarning> warnings = new ArrayList<>();
    Instant finalBefore = now.minus(finalityHorizon);
    if (end.isAfter(finalBefore)) {
      warnings.add(
          new CostWarning(
              "NOT_FINAL",
              "Usage after "
                  + finalBefore.truncatedTo(ChronoUnit.MINUTES)
                  + " is not final yet: CloudWatch may still add late datapoints."));
    }
    YearMonth notOver = null;
    YearMonth last = monthOf(end.minusNanos(1));
    for (YearMonth month = monthOf(start); !month.isAfter(last); month = month.plusMonths(1)) {
      if (monthStart(month.plusMonths(1)).isAfter(now)) {
        notOver = month;
      }
    }
    if (notOver != null) {
      warnings.add(
          new CostWarning(
              "MONTH_NOT_OVER",
              notOver.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                  + " "
                  + notOver.getYear()
                  + " is not over: figures are month to date, and the free tier and volume"
                  + " tiers apply to the usage so far."));
    }
    if (!start.equals(monthStart(monthOf(start))) || !end.equals(monthStart(monthOf(end)))) {
      warnings.add(
          new CostWarning(
              "PART_OF_MONTH",
              "The cost of part of a month is its month-to-date cost at the end minus at the"
                  + " start: as on the bill, the free tier covers the month's first usage."));
    }
    return warnings;
  }

  private static YearMonth monthOf(Instant instant) {
    return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
  }

  private static Instant monthStart(YearMonth month) {
    return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
