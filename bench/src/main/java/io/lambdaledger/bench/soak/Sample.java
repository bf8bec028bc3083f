package io.lambdaledger.bench.soak;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One look at the server during the soak; -1 where a value could not be read. */
record Sample(
    long seconds,
    Instant time,
    long heapUsed,
    long heapMax,
    long heapAfterGc,
    long threads,
    long poolActive,
    long poolIdle,
    long poolTotal,
    long poolWaiting,
    long pgBackends,
    long rss,
    long openFiles,
    long http2xx,
    long http4xx,
    long http5xx,
    long cyclesOk,
    long cyclesFailed) {

  static final String CSV_HEADER =
      "seconds,time,heap_used_bytes,heap_max_bytes,heap_after_gc_bytes,live_threads,"
          + "pool_active,pool_idle,pool_total,pool_waiting,pg_backends,rss_bytes,open_files,"
          + "http_2xx,http_4xx,http_5xx,cycles_ok,cycles_failed";

  static Sample of(long seconds, Instant time, Prometheus m, ProcessProbe probe) {
    return new Sample(
        seconds,
        time,
        (long) m.sum("jvm_memory_used_bytes", heap()),
        (long)
            m.lines().stream()
                .filter(l -> l.name().equals("jvm_memory_max_bytes"))
                .filter(l -> "heap".equals(l.labels().get("area")) && l.value() > 0)
                .mapToDouble(Prometheus.Line::value)
                .sum(),
        probe.heapAfterLastGc(),
        (long) m.sum("jvm_threads_live_threads"),
        probe.pool("ActiveConnections"),
        probe.pool("IdleConnections"),
        probe.pool("TotalConnections"),
        probe.pool("ThreadsAwaitingConnection"),
        probe.postgresBackends(),
        probe.rssBytes(),
        probe.openFiles(),
        count(m, "http_server_requests_seconds_count", "status", s -> s.startsWith("2")),
        count(m, "http_server_requests_seconds_count", "status", s -> s.startsWith("4")),
        count(m, "http_server_requests_seconds_count", "status", s -> s.startsWith("5")),
        count(m, "ledger_collection_cycles_seconds_count", "outcome", "success"::equals),
        count(m, "ledger_collection_cycles_seconds_count", "outcome", o -> !"success".equals(o)));
  }

  private static java.util.function.Predicate<Map<String, String>> heap() {
    return labels -> "heap".equals(labels.get("area"));
  }

  private static long count(
      Prometheus m, String name, String label, java.util.function.Predicate<String> value) {
    return Math.max(
        0,
        (long) m.sum(name, labels -> labels.containsKey(label) && value.test(labels.get(label))));
  }

  static String csv(List<Sample> samples) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
    for (Sample s : samples) {
      out.append(s.seconds())
          .append(',')
          .append(s.time())
          .append(',')
          .append(s.heapUsed())
          .append(',')
          .append(s.heapMax())
          .append(',')
          .append(s.heapAfterGc())
          .append(',')
          .append(s.threads())
          .append(',')
          .append(s.poolActive())
          .append(',')
          .append(s.poolIdle())
          .append(',')
          .append(s.poolTotal())
          .append(',')
          .append(s.poolWaiting())
          .append(',')
          .append(s.pgBackends())
          .append(',')
          .append(s.rss())
          .append(',')
          .append(s.openFiles())
          .append(',')
          .append(s.http2xx())
          .append(',')
          .append(s.http4xx())
          .append(',')
          .append(s.http5xx())
          .append(',')
          .append(s.cyclesOk())
          .append(',')
          .append(s.cyclesFailed())
          .append('\n');
    }
    return out.toString();
  }
}
