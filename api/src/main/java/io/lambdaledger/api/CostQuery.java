package io.lambdaledger.api;

import java.util.List;
import java.util.Set;

/** A parsed {@code /costs} request. */
record CostQuery(
    TimeWindow window,
    List<Dimension> aggregate,
    Step step,
    CostFilter filter,
    SortOrder sort,
    Paging paging,
    CostSource source) {

  static final Set<String> SORT_FIELDS = Set.of("total", "requests", "gbSeconds", "key");
  static final SortOrder DEFAULT_SORT = new SortOrder("total", true);
}
