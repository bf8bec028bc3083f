package io.lambdaledger.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load generator for benchmarks: {@code threads} clients, each sending the next GET
 * as soon as the previous answer is read, for a fixed duration, over one shared {@link HttpClient}
 * (HTTP/1.1 keep-alive, as browsers and scrapers talk to the server).
 */
final class ConcurrentLoad {

  /** What a run measured; latencies in milliseconds. */
  record Result(
      int threads,
      double seconds,
      long requests,
      long errors,
      double p50,
      double p90,
      double p99,
      double max,
      String firstError) {

    double throughput() {
      return requests / seconds;
    }
  }

  private ConcurrentLoad() {}

  static Result run(URI uri, String token, int threads, Duration duration) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    long deadline = started + duration.toNanos();
    try {
      List<Future<Client>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> Client.loop(client, request, deadline)));
      }
      List<Client> clients = new ArrayList<>();
      for (Future<Client> future : futures) {
        clients.add(future.get());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long[] all = clients.stream().flatMapToLong(c -> Arrays.stream(c.latencies())).toArray();
      Arrays.sort(all);
      long errors = clients.stream().mapToLong(Client::errors).sum();
      String firstError =
          clients.stream().map(Client::firstError).filter(e -> e != null).findFirst().orElse(null);
      return new Result(
          threads,
          seconds,
          all.length + errors,
          errors,
          percentile(all, 0.50),
          percentile(all, 0.90),
          percentile(all, 0.99),
          all.length == 0 ? 0 : all[all.length - 1] / 1e6,
          firstError);
    } finally {
      pool.shutdownNow();
      client.close();
    }
  }

  /** Nearest-rank percentile of sorted nanosecond latencies, in milliseconds. */
  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  /** One client's successful latencies (nanoseconds), error count and first error. */
  private record Client(long[] latencies, long errors, String firstError) {

    static Client loop(HttpClient client, HttpRequest request, long deadline) {
      long[] latencies = new long[1024];
      int count = 0;
      long errors = 0;
      String firstError = null;
      while (System.nanoTime() < deadline) {
        long start = System.nanoTime();
        try {
          HttpResponse<byte[]> response =
              client.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long took = System.nanoTime() - start;
          if (response.statusCode() == 200 && response.body().length > 0) {
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = took;
          } else {
            errors++;
            firstError = firstError != null ? firstError : "HTTP " + response.statusCode();
          }
        } catch (IOException e) {
          errors++;
          firstError = firstError != null ? firstError : e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return new Client(Arrays.copyOf(latencies, count), errors, firstError);
    }
  }
}
