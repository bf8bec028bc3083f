package io.lambdaledger.api.costs;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.LambdaFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Filters and groups priced lines (already scoped to the caller's accounts by {@link
 * MonthPricer.Snapshot#lines}). Each line carries an array of figures (one per point of a series,
 * or per scenario); a group's array is the element-wise sum of its lines' arrays.
 */
public final class LineGrouper {

  public static final String UNTAGGED = "__untagged__";

  private final List<Dimension> aggregate;
  private final CostFilter filter;
  private final Map<FunctionKey, LambdaFunction> inventory;

  LineGrouper(
      List<Dimension> aggregate, CostFilter filter, Supplier<List<LambdaFunction>> functions) {
    this.aggregate = aggregate;
    this.filter = filter;
    this.inventory = needsInventory(aggregate, filter) ? index(functions.get()) : Map.of();
  }

  /**
   * Groups keyed by the dimension values, in aggregate order (a function is account, region, name).
   */
  Map<List<String>, Figures[]> group(Map<LineKey, Figures[]> lines, int width) {
    Map<List<String>, Figures[]> groups = new HashMap<>();
    for (Map.Entry<LineKey, Figures[]> entry : lines.entrySet()) {
      LineKey line = entry.getKey();
      Function<Dimension, String> valueOf = dimension -> valueOf(dimension, line);
      if (!filter.matches(valueOf)) {
        continue;
      }
      Figures[] sums =
          groups.computeIfAbsent(
              keyOf(valueOf, line),
              k -> {
                Figures[] zero = new Figures[width];
                Arrays.fill(zero, Figures.ZERO);
                return zero;
              });
      Figures[] figures = entry.getValue();
      for (int i = 0; i < figures.length; i++) {
        if (figures[i] != null) {
          sums[i] = sums[i].plus(figures[i]);
        }
      }
    }
    return groups;
  }

  /** The key as JSON shows it: dimension name to value. */
  Map<String, String> keyMap(List<String> key) {
    Map<String, String> map = new LinkedHashMap<>();
    int i = 0;
    for (Dimension dimension : aggregate) {
      if (dimension == Dimension.Field.FUNCTION) {
        map.put("account", key.get(i++));
        map.put("region", key.get(i++));
      }
      map.put(dimension.label(), key.get(i++));
    }
    return map;
  }

  String valueOf(Dimension dimension, LineKey line) {
    if (dimension instanceof Dimension.Tag tag) {
      LambdaFunction function = inventory.get(line.function());
      String value = function == null ? null : function.tags().get(tag.key());
      return value == null ? UNTAGGED : value;
    }
    return switch ((Dimension.Field) dimension) {
      case FUNCTION -> line.function().name();
      case ACCOUNT -> line.function().accountId();
      case REGION -> line.function().region();
      case ARCHITECTURE -> line.configuration().architecture().id();
      case RUNTIME -> {
        LambdaFunction function = inventory.get(line.function());
        yield function == null || function.runtime() == null ? "unknown" : function.runtime();
      }
    };
  }

  private List<String> keyOf(Function<Dimension, String> valueOf, LineKey line) {
    List<String> key = new ArrayList<>(aggregate.size() + 2);
    for (Dimension dimension : aggregate) {
      if (dimension == Dimension.Field.FUNCTION) {
        key.add(line.function().accountId());
        key.add(line.function().region());
      }
      key.add(valueOf.apply(dimension));
    }
    return key;
  }

  /** Whether grouping or filtering by these reads the inventory (runtime, tags). */
  static boolean needsInventory(List<Dimension> aggregate, CostFilter filter) {
    List<Dimension> used = new ArrayList<>(aggregate);
    used.addAll(filter.dimensions());
    return used.stream().anyMatch(d -> d == Dimension.Field.RUNTIME || d instanceof Dimension.Tag);
  }

  private static Map<FunctionKey, LambdaFunction> index(List<LambdaFunction> functions) {
    Map<FunctionKey, LambdaFunction> byKey = new HashMap<>();
    for (LambdaFunction function : functions) {
      byKey.put(function.key(), function);
    }
    return byKey;
  }
}
