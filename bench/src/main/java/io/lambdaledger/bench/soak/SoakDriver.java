package io.lambdaledger.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's load and sampler (run by {@code bench/soak}): steady GET requests across the API and
 * the dashboard for a fixed time, a sample of the server every {@code --sample-seconds} (heap,
 * threads, connections, HTTP statuses, collection cycles, RSS), then the pass/fail verdict.
 *
 * <pre>
 * java -cp bench/target/classes io.lambdaledger.bench.soak.SoakDriver --base http://127.0.0.1:8080
 *     --token T --pid PID --minutes 30 --out bench/target/soak [--rate 1] [--sample-seconds 30]
 *     [--pg-url postgresql://…] [--pg-application NAME]
 * </pre>
 *
 * Writes {@code samples.csv} and {@code summary.md} into {@code --out}; exits 0 when every
 * criterion holds, 1 otherwise.
 */
public final class SoakDriver {

  /** The requests of the steady load, each sent {@code --rate} times a second. */
  static final List<String> PATHS =
      List.of(
          "/api/v1/costs?window=month&aggregate=function",
          "/api/v1/costs?window=today&aggregate=account",
          "/api/v1/functions",
          "/api/v1/free-tier",
          "/api/v1/forecast",
          "/api/v1/collections",
          "/");

  /** Allowed growth of the heap after GC from the first third of the run to the last. */
  static final double HEAP_MARGIN = 0.10;

  static final int THREAD_MARGIN = 5;
  static final int CONNECTION_MARGIN = 2;

  private final Options options;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();
  private final ProcessProbe probe;

  SoakDriver(Options options) {
    this.options = options;
    this.probe = new ProcessProbe(options.pid(), options.pgUrl(), options.pgApplication());
  }

  record Options(
      URI base,
      String token,
      long pid,
      Duration duration,
      double rate,
      Duration sampleEvery,
      Path out,
      String pgUrl,
      String pgApplication,
      String title,
      String setup) {

    static Options parse(String[] args) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("expected --name value, got " + args[i]);
        }
        values.put(args[i].substring(2), args[i + 1]);
      }
      if (args.length % 2 != 0) {
        throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
      }
      return new Options(
          URI.create(required(values, "base")),
          required(values, "token"),
          Long.parseLong(required(values, "pid")),
          Duration.ofSeconds(Math.round(Double.parseDouble(required(values, "minutes")) * 60)),
          Double.parseDouble(values.getOrDefault("rate", "1")),
          Duration.ofSeconds(Long.parseLong(values.getOrDefault("sample-seconds", "30"))),
          Path.of(values.getOrDefault("out", "bench/target/soak")),
          values.get("pg-url"),
          values.getOrDefault("pg-application", "lambda-ledger-soak"),
          values.getOrDefault("title", "Soak"),
          values.getOrDefault("setup", ""));
    }

    private static String required(Map<String, String> values, String name) {
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return value;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Files.createDirectories(options.out());
    System.exit(new SoakDriver(options).run() ? 0 : 1);
  }

  boolean run() throws Exception {
    Instant started = Instant.now();
    List<Sample> samples = new ArrayList<>();
    samples.add(sample(started));
    log(samples.getLast());
    ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
    long periodMicros = Math.max(1_000, Math.round(1_000_000 / options.rate()));
    for (String path : PATHS) {
      inFlight.put(path, new Semaphore(4));
      load.scheduleAtFixedRate(() -> send(path), 0, periodMicros, TimeUnit.MICROSECONDS);
    }
    long end = System.nanoTime() + options.duration().toNanos();
    long next = System.nanoTime() + options.sampleEvery().toNanos();
    while (next <= end) {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
      samples.add(sample(started));
      log(samples.getLast());
      next += options.sampleEvery().toNanos();
    }
    TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
    load.shutdownNow();
    load.awaitTermination(10, TimeUnit.SECONDS);
    for (Semaphore permits : inFlight.values()) {
      if (!permits.tryAcquire(4, 60, TimeUnit.SECONDS)) {
        System.out.println("soak: requests still in flight after 60 s");
      }
    }
    TimeUnit.SECONDS.sleep(5);
    Sample last = sample(started);
    samples.add(last);
    log(last);
    probe.close();
    client.close();
    Files.writeString(options.out().resolve("samples.csv"), Sample.csv(samples));
    Verdict verdict = Verdict.of(samples, outcomes, sent.sum(), skipped.sum());
    String summary = verdict.markdown(options, samples);
    Files.writeString(options.out().resolve("summary.md"), summary);
    System.out.print(summary);
    return verdict.passed();
  }

  private void send(String path) {
    Semaphore permits = inFlight.get(path);
    if (!permits.tryAcquire()) {
      skipped.increment();
      return;
    }
    sent.increment();
    HttpRequest request =
        HttpRequest.newBuilder(options.base().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + options.token())
            .GET()
            .build();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              String outcome =
                  failure != null
                      ? failure.getClass().getSimpleName()
                      : Integer.toString(response.statusCode());
              outcomes
                  .computeIfAbsent(path, p -> new ConcurrentHashMap<>())
                  .computeIfAbsent(outcome, o -> new LongAdder())
                  .increment();
              permits.release();
            });
  }

  private Sample sample(Instant started) {
    Prometheus metrics = Prometheus.EMPTY;
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(options.base().resolve("/metrics"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 200) {
        metrics = Prometheus.parse(response.body());
      }
    } catch (IOException e) {
      System.out.println("soak: /metrics failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Sample.of(
        Duration.between(started, Instant.now()).toSeconds(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        metrics,
        probe);
  }

  private static void log(Sample s) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "soak: t=%4ds heap %5.1f MiB (after GC %s), threads %d, pool %s, RSS %.0f MiB,"
                + " http 2xx %d 4xx %d 5xx %d, cycles ok %d failed %d",
            s.seconds(),
            s.heapUsed() / 1048576.0,
            s.heapAfterGc() < 0
                ? "?"
                : String.format(Locale.ROOT, "%.1f MiB", s.heapAfterGc() / 1048576.0),
            s.threads(),
            s.poolTotal() < 0
                ? "?"
                : s.poolActive() + " active/" + s.poolIdle() + " idle/" + s.poolTotal() + " total",
            s.rss() / 1048576.0,
            s.http2xx(),
            s.http4xx(),
            s.http5xx(),
            s.cyclesOk(),
            s.cyclesFailed()));
  }
}
