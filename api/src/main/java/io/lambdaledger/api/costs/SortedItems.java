package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.Paging;
import java.util.List;
import java.util.function.Function;

/**
 * The items of a cost query in response order, before paging. One instance is shared by the
 * requests that repeat the query while its data is unchanged (see {@link CostService}), so what is
 * derived from the items alone, their JSON, is made once and kept here.
 */
final class SortedItems {

  private final List<CostResult.Item> items;
  private volatile Object rendered;

  SortedItems(List<CostResult.Item> items) {
    this.items = List.copyOf(items);
  }

  int size() {
    return items.size();
  }

  List<CostResult.Item> all() {
    return items;
  }

  List<CostResult.Item> page(Paging paging) {
    return paging.apply(items);
  }

  /**
   * {@code render} applied to the items, once: concurrent first callers may each render, and one of
   * the equal results is kept.
   */
  <T> T rendered(Class<T> type, Function<List<CostResult.Item>, T> render) {
    Object done = rendered;
    if (!type.isInstance(done)) {
      done = render.apply(items);
      rendered = done;
    }
    return type.cast(done);
  }
}
