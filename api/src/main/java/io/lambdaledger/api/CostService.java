package io.lambdaledger.api;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers cost queries. Each month is priced as AWS bills it, on the payer's whole usage (all
 * accounts, regions and functions, so tiers and the free tier are right); the snapshot hands out
 * only the lines (and warnings) of the caller's accounts, which are then filtered and grouped.
 *
 * <p>The cost of part of a month is the month-to-date cost at its end minus the month-to-date cost
 * at its start. That is how the bill accrues: the free tier is used up by the first usage of the
 * month. A step series is such differences, so the points add up to the window's figures exactly,
 * and the items add up to the totals exactly, because every line carries whole cents.
 */
final class CostService {

  private final UsageReader usage;
  private final FunctionDirectory directory;
  private final MonthPricer pricer;
  private final Clock clock;
  private final Duration finalityHorizon;
  private final SnapshotCache cache = new SnapshotCache(Duration.ofMinutes(10), 256);

  CostService(
      UsageReader usage,
      FunctionDirectory directory,
      MonthPricer pricer,
      Clock clock,
      Duration finalityHorizon) {
    this.usage = usage;
    this.directory = directory;
    this.pricer = pricer;
    this.clock = clock;
    this.finalityHorizon = finalityHorizon;
  }

  CostResult costs(CostQuery query, AccountScope scope) {
    Instant now = clock.instant();
    TimeWindow window = query.window().alignedToHours();
    List<TimeWindow> points = new ArrayList<>();
    Map<LineKey, Figures[]> lines = new HashMap<>();
    Set<String> versions = new LinkedHashSet<>();
    Map<String, CostWarning> warnings = new LinkedHashMap<>();
    Map<FunctionKey, Set<String>> caveats = new HashMap<>();
    for (YearMonth month : window.months()) {
      TimeWindow segment = window.intersect(TimeWindow.of(month));
      List<TimeWindow> monthPoints =
          query.step() == null ? List.of(segment) : query.step().split("step", segment);
      if (points.size() + monthPoints.size() > Step.MAX_POINTS) {
        throw ApiProblem.badParameter(
            "step", "more than " + Step.MAX_POINTS + " points: use a coarser step");
      }
      MonthCosts costs = monthCosts(month, segment, monthPoints, now, scope);
      costs.snapshotVersions().forEach(versions::add);
      costs.warnings().forEach(w -> warnings.putIfAbsent(keyOf(w), w));
      costs
          .caveats()
          .forEach(
              (f, codes) ->
                  caveats.computeIfAbsent(f, k -> new java.util.TreeSet<>()).addAll(codes));
      int offset = points.size();
      points.addAll(monthPoints);
      costs
          .perLine()
          .forEach(
              (line, figures) -> {
                Figures[] all = lines.get(line);
                if (all == null && offset == 0) {
                  lines.put(line, figures);
                  return;
                }
                Figures[] grown =
                    Arrays.copyOf(all == null ? new Figures[0] : all, offset + figures.length);
                System.arraycopy(figures, 0, grown, offset, figures.length);
                lines.put(line, grown);
              });
    }
    addWindowWarnings(window, now, warnings);
    return group(query, window, now, points, lines, versions, warnings, caveats);
  }

  private CostResult group(
      CostQuery query,
      TimeWindow window,
      Instant now,
      List<TimeWindow> points,
      Map<LineKey, Figures[]> lines,
      Set<String> versions,
      Map<String, CostWarning> warnings,
      Map<FunctionKey, Set<String>> caveats) {
    boolean byFunction = query.aggregate().contains(Dimension.Field.FUNCTION);
    LineGrouper grouper = new LineGrouper(query.aggregate(), query.filter(), directory::functions);
    Map<List<String>, Figures[]> groups = grouper.group(lines, points.size());
    List<Ranked> ranked = new ArrayList<>(groups.size());
    Figures totals = Figures.ZERO;
    Figures[] totalPoints = new Figures[points.size()];
    Arrays.fill(totalPoints, Figures.ZERO);
    for (Map.Entry<List<String>, Figures[]> group : groups.entrySet()) {
      Figures sum = Figures.ZERO;
      Figures[] series = group.getValue();
      for (int i = 0; i < series.length; i++) {
        sum = sum.plus(series[i]);
        totalPoints[i] = totalPoints[i].plus(series[i]);
      }
      totals = totals.plus(sum);
      Map<String, String> key = grouper.keyMap(group.getKey());
      Set<String> codes =
          byFunction
              ? caveats.get(
                  new FunctionKey(key.get("account"), key.get("region"), key.get("function")))
              : null;
      ranked.add(
          Ranked.of(
              new CostResult.Item(
                  key,
                  sum,
                  query.step() == null ? null : seriesOf(points, series),
                  codes == null || codes.isEmpty() ? null : List.copyOf(codes)),
              query.sort()));
    }
    ranked.sort(Ranked.order(query.sort()));
    List<CostResult.Item> page = query.paging().apply(ranked).stream().map(Ranked::item).toList();
    return new CostResult(
        window,
        window.end().isBefore(now) ? window.end() : now,
        versions.isEmpty() ? "none" : String.join(",", versions),
        query,
        totals,
        query.step() == null ? null : seriesOf(points, totalPoints),
        page,
        ranked.size(),
        List.copyOf(warnings.values()));
  }

  private static List<CostResult.Point> seriesOf(List<TimeWindow> points, Figures[] figures) {
    List<CostResult.Point> series = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      series.add(new CostResult.Point(points.get(i), figures[i]));
    }
    return series;
  }

  /**
   * Per line of the accounts in {@code scope}, the figures of each point of this month's segment,
   * and the warnings about those lines only.
   */
  private MonthCosts monthCosts(
      YearMonth month,
      TimeWindow segment,
      List<TimeWindow> points,
      Instant now,
      AccountScope scope) {
    Instant monthStart = TimeWindow.monthStart(month);
    List<Instant> boundaries = new ArrayList<>();
    boundaries.add(segment.start());
    points.forEach(p -> boundaries.add(p.end()));
    Map<Instant, MonthPricer.Snapshot> snapshots = snapshots(month, monthStart, boundaries, now);
    Map<LineKey, Figures[]> perLine = new HashMap<>();
    for (int i = 0; i < points.size(); i++) {
      Map<LineKey, Figures> from = snapshots.get(points.get(i).start()).lines(scope);
      Map<LineKey, Figures> to = snapshots.get(points.get(i).end()).lines(scope);
      if (from.isEmpty()) {
        // From the month's start: the figures are the snapshot's own, nothing to subtract.
        for (Map.Entry<LineKey, Figures> line : to.entrySet()) {
          perLine.computeIfAbsent(line.getKey(), k -> new Figures[points.size()])[i] =
              line.getValue();
        }
        continue;
      }
      Set<LineKey> keys = new LinkedHashSet<>(to.keySet());
      keys.addAll(from.keySet());
      for (LineKey key : keys) {
        Figures value =
            to.getOrDefault(key, Figures.ZERO).minus(from.getOrDefault(key, Figures.ZERO));
        perLine.computeIfAbsent(key, k -> new Figures[points.size()])[i] = value;
      }
    }
    List<String> versions = new ArrayList<>();
    Map<String, CostWarning> warnings = new LinkedHashMap<>();
    // Latest boundary first (the month to date at the segment's end covers the most lines), then
    // the earlier ones: the same warnings in the same order on every call.
    List<Instant> ordered = new ArrayList<>(new java.util.TreeSet<>(snapshots.keySet()));
    java.util.Collections.reverse(ordered);
    String version = null;
    for (Instant boundary : ordered) {
      MonthPricer.Snapshot snapshot = snapshots.get(boundary);
      if (snapshot.priceVersion() != null) {
        versions.add(snapshot.priceVersion());
        version = version == null ? snapshot.priceVersion() : version;
      }
      for (CostWarning warning : snapshot.warnings(scope)) {
        if (!warning.code().equals(UnpricedUsage.REGION_NOT_PRICED)) {
          warnings.putIfAbsent(warning.code(), warning);
        }
      }
    }
    // Usage without prices, and history caveats: about the lines of this segment the caller sees.
    List<UnpricedUsage> unpriced = new ArrayList<>();
    Set<FunctionKey> functions = new java.util.TreeSet<>();
    for (Map.Entry<LineKey, Figures[]> line : perLine.entrySet()) {
      Figures.Unpriced sum = null;
      for (Figures figures : line.getValue()) {
        if (figures == null) {
          continue;
        }
        if (figures.unpriced() != null) {
          sum = sum == null ? figures.unpriced() : sum.plus(figures.unpriced());
        }
        if (figures.unpriced() != null
            || figures.requests() != 0
            || figures.gbSeconds().signum() != 0
            || figures.total().signum() != 0) {
          functions.add(line.getKey().function());
        }
      }
      if (sum != null) {
        unpriced.add(
            new UnpricedUsage(line.getKey().function().region(), sum.requests(), sum.gbSeconds()));
      }
    }
    for (CostWarning warning : UnpricedUsage.warnings(version, unpriced)) {
      warnings.put(warning.code(), warning);
    }
    Map<FunctionKey, List<String>> caveats = new HashMap<>();
    if (!functions.isEmpty()) {
      HistoryCaveats history = pricer.caveats(month, scope);
      for (CostWarning warning : history.warnings(functions)) {
        warnings.putIfAbsent(warning.code() + " " + warning.message(), warning);
      }
      for (FunctionKey function : functions) {
        List<String> codes = history.codes(function);
        if (!codes.isEmpty()) {
          caveats.put(function, codes);
        }
      }
    }
    return new MonthCosts(perLine, versions, List.copyOf(warnings.values()), caveats);
  }

  /**
   * The same warning from two months once: by code, but the history caveats (which name functions
   * and months' amounts) by code and message.
   */
  private static String keyOf(CostWarning warning) {
    return switch (warning.code()) {
      case HistoryCaveats.HISTORY_INFERRED,
          HistoryCaveats.HISTORY_UNKNOWN,
          HistoryCaveats.NOT_YET_KNOWN,
          UnpricedUsage.REGION_NOT_PRICED ->
          warning.code() + " " + warning.message();
      default -> warning.code();
    };
  }

  private record MonthCosts(
      Map<LineKey, Figures[]> perLine,
      List<String> snapshotVersions,
      List<CostWarning> warnings,
      Map<FunctionKey, List<String>> caveats) {}

  /**
   * The month-to-date cost at each boundary. Boundaries after now cost what now costs (there is no
   * later usage). Two boundaries or fewer: one grouped read each; more: one read of the hour or day
   * buckets, summed up in order.
   */
  private Map<Instant, MonthPricer.Snapshot> snapshots(
      YearMonth month, Instant monthStart, List<Instant> boundaries, Instant now) {
    Map<Instant, MonthPricer.Snapshot> snapshots = new HashMap<>();
    List<Instant> toPrice = new ArrayList<>();
    for (Instant boundary : boundaries) {
      if (!boundary.isAfter(monthStart)) {
        snapshots.put(boundary, MonthPricer.Snapshot.EMPTY);
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
    Map<Instant, MonthPricer.Snapshot> cached = new HashMap<>();
    for (Instant boundary : toPrice) {
      MonthPricer.Snapshot snapshot = cache.peek(month, boundary, stamp);
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
    Map<LineKey, FunctionUsage> running = new LinkedHashMap<>();
    int next = 0;
    MonthPricer.Snapshot previous = null;
    boolean changed = true;
    for (Instant boundary : toPrice) {
      while (next < buckets.size() && buckets.get(next).start().isBefore(boundary)) {
        FunctionUsage add = buckets.get(next++).usage();
        running.merge(
            LineKey.of(add),
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

  private void addWindowWarnings(
      TimeWindow window, Instant now, Map<String, CostWarning> warnings) {
    warnings.putIfAbsent(
        "ESTIMATED",
        new CostWarning(
            "ESTIMATED",
            "Costs are estimated from CloudWatch metrics and the price list, not read from the"
                + " AWS bill."));
    Instant finalBefore = now.minus(finalityHorizon);
    if (window.end().isAfter(finalBefore)) {
      warnings.put(
          "NOT_FINAL",
          new CostWarning(
              "NOT_FINAL",
              "Usage after "
                  + finalBefore.truncatedTo(ChronoUnit.MINUTES)
                  + " is not final yet: CloudWatch may still add late datapoints."));
    }
    for (YearMonth month : window.months()) {
      if (TimeWindow.of(month).end().isAfter(now)) {
        warnings.put(
            "MONTH_NOT_OVER",
            new CostWarning(
                "MONTH_NOT_OVER",
                month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + " "
                    + month.getYear()
                    + " is not over: figures are month to date, and the free tier and volume"
                    + " tiers apply to the usage so far."));
      }
    }
    boolean partOfMonth =
        !window.start().equals(TimeWindow.monthStart(TimeWindow.monthOf(window.start())))
            || !window.end().equals(TimeWindow.monthStart(TimeWindow.monthOf(window.end())));
    if (partOfMonth) {
      warnings.put(
          "PART_OF_MONTH",
          new CostWarning(
              "PART_OF_MONTH",
              "The cost of part of a month is its month-to-date cost at the end minus at the"
                  + " start: as on the bill, the free tier covers the month's first usage."));
    }
  }

  /**
   * An item with what it is sorted by, computed once: comparing 10,000 items took most of a cached
   * request when each comparison summed the charges and joined the key again.
   */
  private record Ranked(CostResult.Item item, BigDecimal value, String key) {

    static Ranked of(CostResult.Item item, SortOrder sort) {
      Figures figures = item.figures();
      BigDecimal value =
          switch (sort.field()) {
            case "requests" -> BigDecimal.valueOf(figures.requests());
            case "gbSeconds" -> figures.gbSeconds();
            case "key" -> BigDecimal.ZERO;
            default -> figures.total();
          };
      return new Ranked(item, value, String.join("\u0000", item.key().values()));
    }

    /** By the sort field, then by key ascending; by key alone when sorting by key. */
    static Comparator<Ranked> order(SortOrder sort) {
      Comparator<Ranked> byKey = Comparator.comparing(Ranked::key);
      if (sort.field().equals("key")) {
        return sort.descending() ? byKey.reversed() : byKey;
      }
      Comparator<Ranked> byValue = Comparator.comparing(Ranked::value);
      return (sort.descending() ? byValue.reversed() : byValue).thenComparing(byKey);
    }
  }
}
