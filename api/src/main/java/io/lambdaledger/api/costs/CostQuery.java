package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.Paging;
import io.lambdaledger.api.http.SortOrder;
import io.lambdaledger.api.http.Step;
import io.lambdaledger.api.http.TimeWindow;
import java.util.List;
import java.util.Set;

/** A parsed {@code /costs} request. */
public record CostQuery(
    TimeWindow window,
    List<Dimension> aggregate,
    Step step,
    CostFilter filter,
    SortOrder sort,
    Paging paging,
    CostSource source) {

  static final Set<String> SORT_FIELDS = Set.of("total", "requests", "gbSeconds", "key");
  public static final SortOrder DEFAULT_SORT = new SortOrder("total", true);

  /** This query without its page: what the items before paging depend on. */
  CostQuery allPages() {
    return new CostQuery(window, aggregate, step, filter, sort, ALL, source);
  }

  private static final Paging ALL = new Paging(Paging.MAX_LIMIT, 0);
}
