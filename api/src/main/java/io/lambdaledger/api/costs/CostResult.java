package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.core.cost.CostWarning;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link CostQuery}: all items in order (the query's page of them is {@link
 * #items}), totals over all items, warnings.
 */
public record CostResult(
    TimeWindow window,
    Instant dataThrough,
    String priceVersion,
    CostQuery query,
    Figures totals,
    List<Point> totalSeries,
    SortedItems sorted,
    List<CostWarning> warnings,
    List<SourceDays> sources) {

  /** The page of items the query asks for. */
  public List<Item> items() {
    return sorted.page(query.paging());
  }

  /** How many items there are on all pages. */
  int itemCount() {
    return sorted.size();
  }

  /** Which part of the window came from which source ({@code estimate} or {@code billed}). */
  record SourceDays(CostSource source, TimeWindow window) {}

  /**
   * One group of the aggregate: its key (dimension name to value) and figures; {@code caveats} are
   * the history warning codes of its function (null unless grouped by function and there are some).
   */
  public record Item(
      Map<String, String> key, Figures figures, List<Point> series, List<String> caveats) {}

  /** One step of a time series. */
  record Point(TimeWindow window, Figures figures) {}
}
