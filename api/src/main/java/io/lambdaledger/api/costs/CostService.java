package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.SortOrder;
import io.lambdaledger.api.http.Step;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.cost.Money;
import io.lambdaledger.core.costing.BillCover;
import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.MonthToDate;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.BilledMonths;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.LambdaFunction;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers cost queries. Each month is priced as AWS bills it, on the payer's whole usage (all
 * accounts, regions and functions, so tiers and the free tier are right); the snapshot hands out
 * only the lines (and warnings) of the caller's accounts, which are then filtered and grouped.
 *
 * <p>The rules are the costing home's: {@link BillCover} cuts each point into billed and estimated
 * pieces, {@link MonthToDate} prices the month to date at the pieces' boundaries (kept in a {@link
 * SnapshotCache}) and subtracts them. A step series is such differences, so the points add up to
 * the window's figures exactly, and the items add up to the totals exactly, because every line
 * carries whole cents. What is here: the query's months and points, the bill as figures, grouping,
 * sorting and the answers kept per query ({@link ResultCache}).
 */
public final class CostService {

  private final UsageReader usage;
  private final BilledMonths bill;
  private final FunctionDirectory directory;
  private final MonthPricer pricer;
  private final Clock clock;
  private final Duration finalityHorizon;
  private final MonthToDate<MonthPricer.Snapshot> monthToDate;

  /**
   * Answers of recent queries before paging: at most 64, holding at most 150,000 figures in all
   * (three answers by function over 50,000 functions; a daily series of 50,000 functions is never
   * kept).
   */
  private final ResultCache<ResultKey, Grouped> results =
      new ResultCache<>(64, 150_000, Grouped::weight);

  public CostService(
      UsageReader usage,
      BilledMonths bill,
      FunctionDirectory directory,
      MonthPricer pricer,
      Clock clock,
      Duration finalityHorizon) {
    this.usage = usage;
    this.bill = bill;
    this.directory = directory;
    this.pricer = pricer;
    this.clock = clock;
    this.finalityHorizon = finalityHorizon;
    this.monthToDate =
        new MonthToDate<>(
            usage,
            pricer::price,
            MonthPricer.Snapshot.EMPTY,
            new SnapshotCache(Duration.ofMinutes(10), 256));
  }

  public CostResult costs(CostQuery query, AccountScope scope) {
    Instant now = clock.instant();
    TimeWindow window = query.window().alignedToHours();
    List<MonthInput> months = new ArrayList<>();
    int pointCount = 0;
    boolean anyBilled = false;
    for (YearMonth month : window.months()) {
      TimeWindow segment = window.intersect(TimeWindow.of(month));
      List<TimeWindow> monthPoints =
          query.step() == null ? List.of(segment) : query.step().split("step", segment);
      if (pointCount + monthPoints.size() > Step.MAX_POINTS) {
        throw ApiProblem.badParameter(
            "step", "more than " + Step.MAX_POINTS + " points: use a coarser step");
      }
      pointCount += monthPoints.size();
      Bill billed = query.source() == CostSource.ESTIMATE ? Bill.NONE : billOf(month);
      MonthInput input = prepare(month, monthPoints, scope, query.source(), billed);
      anyBilled |= input.whole() != null;
      months.add(input);
    }
    // The inventory is an input only where it is read: tag and runtime dimensions, and billed
    // functions the estimate does not have.
    List<LambdaFunction> functions =
        anyBilled || LineGrouper.needsInventory(query.aggregate(), query.filter())
            ? functions()
            : null;
    Grouped grouped =
        results.get(
            new ResultKey(query.allPages(), scope, inputsOf(months), new Same(functions)),
            () -> compute(query, months, scope, functions));
    Map<String, CostWarning> warnings = new LinkedHashMap<>(grouped.warnings());
    warnings.putIfAbsent(
        "ESTIMATED",
        new CostWarning(
            "ESTIMATED",
            "Costs are estimated from CloudWatch metrics and the price list, not read from the"
                + " AWS bill."));
    for (CostWarning warning :
        MonthToDate.windowWarnings(window.start(), window.end(), now, finalityHorizon)) {
      warnings.put(warning.code(), warning);
    }
    addSourceWarnings(query.source(), grouped.sources(), grouped.billedApart(), warnings);
    return new CostResult(
        window,
        window.end().isBefore(now) ? window.end() : now,
        grouped.priceVersion(),
        query,
        grouped.totals(),
        grouped.totalSeries(),
        grouped.sorted(),
        List.copyOf(warnings.values()),
        grouped.sources());
  }

  /**
   * What a query's answer depends on besides the query and the scope: per month, the priced
   * snapshots (the very objects: {@link SnapshotCache} prices again when usage is written or after
   * its time to live), the imported bill (the one read last while equal) and the history caveats;
   * and the inventory where it is read (likewise). Equal keys, equal answers, except for what
   * depends on the time of the request (added after: {@code dataThrough}, and the window warnings).
   */
  private record ResultKey(
      CostQuery query, AccountScope scope, List<MonthKey> inputs, Same functions) {}

  /**
   * A month's imported bill as read, and its days. The last one read per month is handed out again
   * while the bill read is equal, so that keys compare it by reference and hold one copy (a month
   * of 50,000 functions is millions of amounts).
   */
  private record Bill(List<BilledAmount> amounts, BilledDays days) {
    static final Bill NONE = new Bill(List.of(), BilledDays.NONE);
  }

  private final Map<YearMonth, Bill> lastBills = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile List<LambdaFunction> lastFunctions = List.of();

  private Bill billOf(YearMonth month) {
    List<BilledAmount> amounts = bill.amounts(month);
    Bill last = lastBills.get(month);
    if (last != null && last.amounts().equals(amounts)) {
      return last;
    }
    Bill read = new Bill(amounts, new BilledDays(amounts));
    if (lastBills.size() >= 24) {
      lastBills.clear();
    }
    lastBills.put(month, read);
    return read;
  }

  /** The inventory, the last list read again while equal (as {@link #billOf}). */
  private List<LambdaFunction> functions() {
    List<LambdaFunction> read = directory.functions();
    List<LambdaFunction> last = lastFunctions;
    if (read.equals(last)) {
      return last;
    }
    lastFunctions = read;
    return read;
  }

  /**
   * An object (or null) compared by reference and held weakly: a kept answer does not keep the
   * snapshots, bill or inventory it was made from alive once nothing else holds them (a snapshot of
   * 50,000 functions is tens of MB); its key then matches nothing and it ages out.
   */
  private static final class Same {
    private final WeakReference<Object> value;
    private final boolean isNull;
    private final int hash;

    Same(Object value) {
      this.value = new WeakReference<>(value);
      this.isNull = value == null;
      this.hash = System.identityHashCode(value);
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Same that) || hash != that.hash || isNull != that.isNull) {
        return false;
      }
      Object mine = value.get();
      return isNull || (mine != null && mine == that.value.get());
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * What one month of a window contributes to a {@link ResultKey}: the priced snapshots by
   * boundary, the whole month, the bill (each compared by identity) and the history caveats.
   */
  private record MonthKey(
      YearMonth month,
      Map<Instant, Same> snapshots,
      Same whole,
      Same bill,
      HistoryCaveats caveats) {}

  private static List<MonthKey> inputsOf(List<MonthInput> months) {
    List<MonthKey> inputs = new ArrayList<>();
    for (MonthInput month : months) {
      Map<Instant, Same> snapshots = new java.util.TreeMap<>();
      month
          .snapshots()
          .forEach((boundary, snapshot) -> snapshots.put(boundary, new Same(snapshot)));
      inputs.add(
          new MonthKey(
              month.month(),
              snapshots,
              new Same(month.whole()),
              new Same(month.bill()),
              month.caveats()));
    }
    return inputs;
  }

  /**
   * A query's answer before paging, and before what depends on the time of the request: one for all
   * the requests that repeat the query while its inputs are unchanged.
   */
  private record Grouped(
      String priceVersion,
      Figures totals,
      List<CostResult.Point> totalSeries,
      SortedItems sorted,
      Map<String, CostWarning> warnings,
      List<CostResult.SourceDays> sources,
      BigDecimal billedApart) {

    /** The figures it holds: what the cache's budget counts. */
    long weight() {
      int points = totalSeries == null ? 1 : totalSeries.size() + 1;
      return (long) (sorted.size() + 1) * points;
    }
  }

  private Grouped compute(
      CostQuery query,
      List<MonthInput> months,
      AccountScope scope,
      List<LambdaFunction> functions) {
    List<TimeWindow> points = new ArrayList<>();
    Map<LineKey, Figures[]> lines = new HashMap<>();
    Set<String> versions = new LinkedHashSet<>();
    Map<String, CostWarning> warnings = new LinkedHashMap<>();
    List<CostResult.SourceDays> sources = new ArrayList<>();
    BigDecimal apart = BigDecimal.ZERO;
    Map<FunctionKey, Set<String>> caveats = new HashMap<>();
    for (MonthInput input : months) {
      MonthCosts costs = monthCosts(input, scope);
      costs.sources().forEach(piece -> addSource(sources, piece));
      apart = apart.add(costs.billedApart());
      costs.snapshotVersions().forEach(versions::add);
      costs.warnings().forEach(w -> warnings.putIfAbsent(keyOf(w), w));
      costs
          .caveats()
          .forEach(
              (f, codes) ->
                  caveats.computeIfAbsent(f, k -> new java.util.TreeSet<>()).addAll(codes));
      int offset = points.size();
      points.addAll(input.points());
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
    return group(query, points, lines, versions, warnings, caveats, sources, apart, functions);
  }

  /** Appends {@code piece}, merged into the last one when it continues it from the same source. */
  private static void addSource(List<CostResult.SourceDays> sources, CostResult.SourceDays piece) {
    if (!sources.isEmpty()) {
      CostResult.SourceDays last = sources.get(sources.size() - 1);
      if (last.source() == piece.source() && last.window().end().equals(piece.window().start())) {
        sources.set(
            sources.size() - 1,
            new CostResult.SourceDays(
                last.source(), new TimeWindow(last.window().start(), piece.window().end())));
        return;
      }
    }
    sources.add(piece);
  }

  private static void addSourceWarnings(
      CostSource source,
      List<CostResult.SourceDays> sources,
      BigDecimal apart,
      Map<String, CostWarning> warnings) {
    boolean anyBilled = sources.stream().anyMatch(s -> s.source() == CostSource.BILLED);
    if (anyBilled) {
      warnings.remove("ESTIMATED");
      warnings.put(
          "FROM_BILL",
          new CostWarning(
              "FROM_BILL",
              "Days listed under sources as billed are read from the imported AWS bill; the"
                  + " others are estimated from CloudWatch metrics."));
    }
    if (apart.signum() != 0) {
      warnings.put(
          "BILL_LINES_NOT_IN_COSTS",
          new CostWarning(
              "BILL_LINES_NOT_IN_COSTS",
              "The bill of these days also has "
                  + Money.text(apart)
                  + " USD in lines without a function or usage (Savings Plan fees, credits, tax);"
                  + " see /api/v1/reconciliation."));
    }
    if (source == CostSource.BILLED && !anyBilled) {
      warnings.put(
          "NO_BILL",
          new CostWarning(
              "NO_BILL", "No imported bill covers this window: billed figures are zero."));
    }
  }

  private Grouped group(
      CostQuery query,
      List<TimeWindow> points,
      Map<LineKey, Figures[]> lines,
      Set<String> versions,
      Map<String, CostWarning> warnings,
      Map<FunctionKey, Set<String>> caveats,
      List<CostResult.SourceDays> sources,
      BigDecimal apart,
      List<LambdaFunction> functions) {
    boolean byFunction = query.aggregate().contains(Dimension.Field.FUNCTION);
    LineGrouper grouper =
        new LineGrouper(
            query.aggregate(),
            query.filter(),
            () -> functions == null ? directory.functions() : functions);
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
    return new Grouped(
        versions.isEmpty() ? "none" : String.join(",", versions),
        totals,
        query.step() == null ? null : seriesOf(points, totalPoints),
        new SortedItems(ranked.stream().map(Ranked::item).toList()),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(warnings)),
        List.copyOf(sources),
        apart);
  }

  private static List<CostResult.Point> seriesOf(List<TimeWindow> points, Figures[] figures) {
    List<CostResult.Point> series = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      series.add(new CostResult.Point(points.get(i), figures[i]));
    }
    return series;
  }

  /**
   * One month of a query, as far as reading it goes: each point cut into pieces by source, the
   * month-to-date snapshots at the estimated pieces' boundaries (and the whole month's, whose lines
   * place billed figures, when some piece is billed), the bill and the history caveats.
   */
  private record MonthInput(
      YearMonth month,
      List<TimeWindow> points,
      List<List<BillCover.Part>> pieces,
      Map<Instant, MonthPricer.Snapshot> snapshots,
      MonthPricer.Snapshot whole,
      Bill bill,
      HistoryCaveats caveats) {

    BilledDays billed() {
      return bill.days();
    }
  }

  private MonthInput prepare(
      YearMonth month, List<TimeWindow> points, AccountScope scope, CostSource source, Bill bill) {
    List<List<BillCover.Part>> pieces = new ArrayList<>();
    List<Instant> boundaries = new ArrayList<>();
    boolean anyBilled = false;
    for (TimeWindow point : points) {
      List<BillCover.Part> cut =
          bill.days().cover().cut(point.start(), point.end(), source != CostSource.BILLED);
      pieces.add(cut);
      boundaries.addAll(MonthToDate.boundaries(cut));
      anyBilled |= cut.stream().anyMatch(BillCover.Part::billed);
    }
    Map<Instant, MonthPricer.Snapshot> snapshots = monthToDate.at(month, boundaries);
    MonthPricer.Snapshot whole = null;
    if (anyBilled) {
      Instant end = TimeWindow.monthStart(month.plusMonths(1));
      whole = monthToDate.at(month, List.of(end)).get(end);
    }
    return new MonthInput(
        month, points, pieces, snapshots, whole, bill, pricer.caveats(month, scope));
  }

  /**
   * Per line of the accounts in {@code scope}, the figures of each point of this month's segment,
   * and the warnings about those lines only. With a bill, each point is cut into the whole UTC days
   * the bill covers (figures from the bill) and the rest (the estimate, for {@code best}; nothing,
   * for {@code billed}).
   */
  private MonthCosts monthCosts(MonthInput input, AccountScope scope) {
    YearMonth month = input.month();
    List<TimeWindow> points = input.points();
    List<List<BillCover.Part>> pieces = input.pieces();
    Map<Instant, MonthPricer.Snapshot> snapshots = input.snapshots();
    BilledDays billed = input.billed();
    Map<LineKey, Figures[]> perLine = new HashMap<>();
    List<CostResult.SourceDays> sources = new ArrayList<>();
    BigDecimal apart = BigDecimal.ZERO;
    Map<FunctionKey, LineKey> lineOfFunction = null;
    for (int i = 0; i < points.size(); i++) {
      int point = i;
      for (BillCover.Part piece : pieces.get(i)) {
        sources.add(
            new CostResult.SourceDays(
                piece.billed() ? CostSource.BILLED : CostSource.ESTIMATE,
                new TimeWindow(piece.start(), piece.end())));
        if (!piece.billed()) {
          MonthToDate.between(
                  snapshots.get(piece.start()).lines(scope),
                  snapshots.get(piece.end()).lines(scope),
                  Figures.ZERO,
                  Figures::minus)
              .forEach((key, value) -> add(perLine, key, point, points.size(), value));
        } else {
          if (lineOfFunction == null) {
            lineOfFunction = linesOfFunctions(input.whole(), scope);
          }
          apart = apart.add(billed.apartBetween(piece.start(), piece.end(), scope));
          for (Map.Entry<FunctionKey, BilledDays.Billed> e :
              billed.between(piece.start(), piece.end(), scope).entrySet()) {
            LineKey key = lineOfFunction.get(e.getKey());
            if (key == null) {
              key = lineFromDirectory(e.getKey(), e.getValue().payer());
            }
            if (key == null) {
              apart = apart.add(e.getValue().figures().total());
              continue;
            }
            add(perLine, key, i, points.size(), e.getValue().figures());
          }
        }
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
      HistoryCaveats history = input.caveats();
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
    return new MonthCosts(
        perLine, versions, List.copyOf(warnings.values()), caveats, sources, apart);
  }

  private static void add(
      Map<LineKey, Figures[]> perLine, LineKey key, int point, int points, Figures value) {
    Figures[] series = perLine.computeIfAbsent(key, k -> new Figures[points]);
    series[point] = series[point] == null ? value : series[point].plus(value);
  }

  /**
   * The line a function's billed figures go on: its estimated line of the month (the first, when
   * its configuration changed), so that it groups as its estimate does.
   */
  private static Map<FunctionKey, LineKey> linesOfFunctions(
      MonthPricer.Snapshot whole, AccountScope scope) {
    Map<FunctionKey, LineKey> lines = new HashMap<>();
    for (LineKey key : whole.lines(scope).keySet()) {
      lines.putIfAbsent(key.function(), key);
    }
    return lines;
  }

  /** A line for a billed function the month's estimate does not have, from the inventory. */
  private LineKey lineFromDirectory(FunctionKey function, String payer) {
    return directory
        .function(function)
        .map(f -> new LineKey(function, f.configuration().billing(), f.payerAccountId()))
        .orElse(null);
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
      Map<FunctionKey, List<String>> caveats,
      List<CostResult.SourceDays> sources,
      BigDecimal billedApart) {}

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
