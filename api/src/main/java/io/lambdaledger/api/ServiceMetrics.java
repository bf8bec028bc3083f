package io.lambdaledger.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The service's own metrics, scraped at {@code /metrics} in the Prometheus format: HTTP requests,
 * the JVM, and what the collector reports through the public methods below (the composition root
 * adapts the collector's events to them).
 */
public final class ServiceMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final DoubleAdder cloudWatchSpendUsd = new DoubleAdder();
  private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();

  /** More distinct {@code uri} values than routes could ever give: a bug, not traffic. */
  static final int MAX_URI_VALUES = 100;

  public ServiceMetrics() {
    // A safety net under RequestMetrics' bounded labels: past this many uri values, new series are
    // dropped instead of growing /metrics without end.
    registry
        .config()
        .meterFilter(
            MeterFilter.maximumAllowableTags(
                "http.server.requests", "uri", MAX_URI_VALUES, MeterFilter.deny()));
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    registry
        .more()
        .counter(
            "ledger.cloudwatch.spend.usd",
            java.util.List.of(),
            cloudWatchSpendUsd,
            DoubleAdder::sum);
    registry.gauge("ledger.collection.last.success.seconds", lastSuccessEpochSeconds);
  }

  /** A collection cycle ended; {@code outcome} is for example success, failed or partial. */
  public void collectionCycleFinished(String outcome, Duration duration, Instant finishedAt) {
    Timer.builder("ledger.collection.cycles")
        .description("Collection cycles and how long they took")
        .tag("outcome", outcome)
        .register(registry)
        .record(duration);
    if ("success".equals(outcome)) {
      lastSuccessEpochSeconds.set(finishedAt.getEpochSecond());
    }
  }

  /** AWS API calls the collector made, by operation (GetMetricData, ListMetrics, ...). */
  public void cloudWatchCalls(String operation, long calls) {
    Counter.builder("ledger.cloudwatch.calls")
        .description("CloudWatch and Lambda API calls made by the collector")
        .tag("operation", operation)
        .register(registry)
        .increment(calls);
  }

  /** Metrics requested from GetMetricData: what CloudWatch bills. */
  public void metricsRequested(long metrics) {
    Counter.builder("ledger.cloudwatch.metrics.requested")
        .description("Metrics requested through GetMetricData (billed per 1,000)")
        .register(registry)
        .increment(metrics);
  }

  /** What those requests cost, in US dollars. */
  public void cloudWatchSpend(BigDecimal usd) {
    cloudWatchSpendUsd.add(usd.doubleValue());
  }

  /**
   * The collection budget and one shard's cadence under it (gauges: the latest values win). Monthly
   * amounts in US dollars, the interval in seconds.
   */
  public void collectionCadence(
      BigDecimal budgetUsd,
      String account,
      String region,
      Duration interval,
      long activeSeries,
      BigDecimal projectedMonthlyUsd) {
    budgetGauges
        .computeIfAbsent(
            "budget", key -> gauge("ledger.collection.budget.usd", java.util.List.of()))
        .set(budgetUsd.doubleValue());
    java.util.List<io.micrometer.core.instrument.Tag> tags =
        java.util.List.of(
            io.micrometer.core.instrument.Tag.of("account", account),
            io.micrometer.core.instrument.Tag.of("region", region));
    String shard = account + "/" + region;
    budgetGauges
        .computeIfAbsent(
            "interval " + shard, key -> gauge("ledger.collection.interval.seconds", tags))
        .set((double) interval.toSeconds());
    budgetGauges
        .computeIfAbsent("series " + shard, key -> gauge("ledger.collection.active.series", tags))
        .set((double) activeSeries);
    budgetGauges
        .computeIfAbsent(
            "projected " + shard, key -> gauge("ledger.collection.projected.monthly.usd", tags))
        .set(projectedMonthlyUsd.doubleValue());
  }

  private final java.util.Map<String, java.util.concurrent.atomic.AtomicReference<Double>>
      budgetGauges = new java.util.concurrent.ConcurrentHashMap<>();

  private java.util.concurrent.atomic.AtomicReference<Double> gauge(
      String name, java.util.List<io.micrometer.core.instrument.Tag> tags) {
    java.util.concurrent.atomic.AtomicReference<Double> holder =
        new java.util.concurrent.atomic.AtomicReference<>(0.0);
    registry.gauge(name, tags, holder, value -> value.get());
    return holder;
  }

  private final FunctionCostGauge functionCosts = new FunctionCostGauge(registry);

  /**
   * Month-to-date cost per function ({@code account/region/name}), in US dollars: the {@code top}
   * largest are exported by name and the rest summed as {@code other}, so the series stay bounded.
   */
  public void functionCosts(java.util.Map<String, BigDecimal> costs, int top) {
    functionCosts.update(costs, top);
  }

  MeterRegistry registry() {
    return registry;
  }

  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
