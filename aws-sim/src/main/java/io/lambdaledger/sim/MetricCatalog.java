package io.lambdaledger.sim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ListMetrics lists: per function the metrics it publishes, plus the Region-wide aggregates
 * (no dimensions). With {@code RecentlyActive=PT3H} only metrics with a visible datapoint in the
 * last three hours, computed exactly; without it, every metric a non-idle function publishes
 * (CloudWatch lists metrics with data in the last two weeks; a non-idle function always has some).
 * Lists are cached per (account, Region, recency, minute), so paging through them is cheap and
 * consistent.
 */
final class MetricCatalog {

  static final int PAGE_SIZE = 500;
  private static final int CACHE_SIZE = 16;

  record DimensionFilter(String name, String value) {}

  /** One listed metric; {@code functionName} is null for a Region-wide one. */
  record Listed(LambdaMetric metric, String functionName) {

    boolean matches(List<DimensionFilter> filters) {
      for (DimensionFilter filter : filters) {
        if (functionName == null || !filter.name().equals(LambdaMetric.FUNCTION_NAME)) {
          return false;
        }
        if (filter.value() != null && !filter.value().equals(functionName)) {
          return false;
        }
      }
      return true;
    }
  }

  private final Workload workload;
  private final long lagMillis;
  private final Map<String, List<Listed>> cache =
      new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Listed>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private final Object computing = new Object();

  MetricCatalog(Workload workload, long lagMillis) {
    this.workload = workload;
    this.lagMillis = lagMillis;
  }

  List<Listed> list(String account, String region, boolean recent, long asOfMinute) {
    String key = account + '|' + region + '|' + recent + '|' + asOfMinute;
    synchronized (cache) {
      List<Listed> cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    // Listings of several metric names at once (as a collector pages them) need the same list:
    // it is computed once, the others wait for it.
    synchronized (computing) {
      synchronized (cache) {
        List<Listed> cached = cache.get(key);
        if (cached != null) {
          return cached;
        }
      }
      List<Listed> computed = compute(account, region, recent, asOfMinute);
      synchronized (cache) {
        cache.put(key, computed);
      }
      return computed;
    }
  }

  private List<Listed> compute(String account, String region, boolean recent, long asOfMinute) {
    long lastVisible = Math.floorDiv(asOfMinute * 60_000L - lagMillis, 60_000L) - 1;
    long firstMinute = Math.floorDiv(workload.startEpochSecond() + 59, 60);
    long from = recent ? Math.max(firstMinute, asOfMinute - 180) : firstMinute;
    List<Listed> functionMetrics = new ArrayList<>();
    Set<LambdaMetric> regionWide = EnumSet.noneOf(LambdaMetric.class);
    Rng rng = new Rng(0);
    Minute minute = new Minute();
    for (FunctionProfile f : workload.functions(account, region)) {
      Set<LambdaMetric> published = EnumSet.noneOf(LambdaMetric.class);
      for (LambdaMetric m : LambdaMetric.values()) {
        if (m.publishedBy(f)) {
          published.add(m);
        }
      }
      Set<LambdaMetric> listed;
      if (published.isEmpty() || lastVisible < from) {
        listed = Set.of();
      } else if (!recent) {
        listed = published;
      } else {
        listed = EnumSet.noneOf(LambdaMetric.class);
        for (long m = lastVisible; m >= from && listed.size() < published.size(); m--) {
          workload.fill(f, m, rng, minute);
          if (!minute.active()) {
            continue;
          }
          for (LambdaMetric metric : published) {
            if (metric.present(minute, f)) {
              listed.add(metric);
            }
          }
        }
      }
      for (LambdaMetric metric : listed) {
        functionMetrics.add(new Listed(metric, f.name));
        if (metric.regionWide) {
          regionWide.add(metric);
        }
      }
    }
    List<Listed> all = new ArrayList<>();
    for (LambdaMetric metric : regionWide) {
      all.add(new Listed(metric, null));
    }
    all.addAll(functionMetrics);
    return List.copyOf(all);
  }
}
