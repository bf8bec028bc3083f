package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What anyone can send without a token: invented methods, invented paths and malformed escapes must
 * neither grow {@code /metrics} nor the log, and never get a 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UntrustedTrafficTest {

  static final List<String> MALFORMED =
      List.of("%u0041", "%", "%z", "%zz", "%C3%28", "%E0%A4%A", "%FF", "a%2", "%ED%A0%80");

  private LedgerFixture fixture;
  private int port;

  @BeforeAll
  void start() {
    fixture = LedgerFixture.seeded();
    port = fixture.server.port();
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Test
  void invented_methods_and_paths_leave_the_metrics_the_same_size() throws IOException {
    RawHttp.send(port, "BREW", "/api/v1/costs");
    RawHttp.send(port, "GET", "/no-such-page");
    int before = metricsSize();

    Random random = new Random(15);
    for (int i = 0; i < 300; i++) {
      RawHttp.send(port, inventedMethod(random), "/api/v1/costs");
      RawHttp.send(port, "GET", "/x" + random.nextInt(1_000_000) + "/y");
      RawHttp.send(port, inventedMethod(random), "/z" + random.nextInt(1_000_000));
    }

    assertThat((double) metricsSize())
        .isCloseTo(before, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void malformed_escapes_are_a_400_problem_without_a_stack_trace() throws IOException {
    List<String> failures = new ArrayList<>();
    for (String escape : MALFORMED) {
      for (String target :
          List.of(
              "/" + escape,
              "/api/v1/functions/" + escape + "/us-east-1/checkout-api",
              "/api/v1/costs/" + escape,
              "/api/v1/costs?window=" + escape,
              "/webjars/" + escape)) {
        StringBuilder log = new StringBuilder();
        RawHttp.Response response = capturingLog(log, () -> RawHttp.send(port, "GET", target));
        if (response.status() != 400
            || !response.isProblem()
            || log.toString().lines().count() > 1
            || log.length() > 300) {
          failures.add(target + " -> " + response.status() + " logged " + log.length() + " chars");
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void two_thousand_seeded_requests_without_a_token_get_no_5xx_and_grow_nothing()
      throws IOException {
    List<String> failures = new ArrayList<>();
    StringBuilder log = new StringBuilder();
    // Every kind of answer first, so that each bounded label value exists already.
    for (String method :
        List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW")) {
      for (String target :
          List.of("/", "/x", "/%u0041", "/api/v1/costs", "/api/v1/x", "/webjars/x", "/metrics")) {
        capturingLog(log, () -> RawHttp.send(port, method, target));
      }
    }
    fuzz(new Random(1), 500, failures, log);
    int metricsBefore = metricsSize();
    java.util.Set<String> seriesBefore = series();
    int logBefore = log.length();

    fuzz(new Random(20261206L), 2_000, failures, log);

    assertThat(failures).isEmpty();
    assertThat(series()).as("new series").containsExactlyElementsOf(seriesBefore);
    assertThat((double) metricsSize())
        .isCloseTo(metricsBefore, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(log.toString()).doesNotContain("\tat ");
    assertThat(log.length() - logBefore).as("log after 2,000 requests").isLessThanOrEqualTo(20_000);
  }

  private void fuzz(Random random, int requests, List<String> failures, StringBuilder log)
      throws IOException {
    for (int i = 0; i < requests; i++) {
      String method = random.nextInt(3) == 0 ? inventedMethod(random) : knownMethod(random);
      String target = randomTarget(random);
      RawHttp.Response response = capturingLog(log, () -> RawHttp.send(port, method, target));
      if (response.status() >= 500 || response.status() < 100) {
        failures.add(method + " " + target + " -> " + response.status());
      }
    }
  }

  /**
   * The size of {@code /metrics} without the JVM's garbage-collector series: those gain a series
   * the first time the JVM runs a collection of a new kind (a "G1 Humongous Allocation" pause,
   * say), which depends on the heap, not on what the requests asked for. CI once failed on exactly
   * that (+504 bytes, about one more {@code jvm_gc_pause_seconds} series). Every series a request
   * can create is still counted.
   */
  private int metricsSize() {
    return fixture
        .http
        .get("/metrics")
        .body()
        .lines()
        .filter(line -> !line.contains("jvm_gc_"))
        .mapToInt(line -> line.length() + 1)
        .sum();
  }

  /** The HTTP series in {@code /metrics}: each sample's name and labels, without its value. */
  private java.util.Set<String> series() {
    return fixture
        .http
        .get("/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith("http_server_requests"))
        .map(line -> line.substring(0, line.lastIndexOf(' ')))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  private static String inventedMethod(Random random) {
    StringBuilder name = new StringBuilder();
    for (int i = 0, n = 3 + random.nextInt(8); i < n; i++) {
      name.append((char) ('A' + random.nextInt(26)));
    }
    return name.toString();
  }

  private static String knownMethod(Random random) {
    String[] methods = {"GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    return methods[random.nextInt(methods.length)];
  }

  private static String randomTarget(Random random) {
    String[] segments = {
      "api", "v1", "costs", "functions", "111111111111", "us-east-1", "metrics", "reports",
      "2026-10.csv", "webjars", "x", "..", "%2e%2e", "%20", "%C3%A9", "☃"
    };
    StringBuilder target = new StringBuilder();
    for (int i = 0, depth = 1 + random.nextInt(6); i < depth; i++) {
      target.append('/');
      int kind = random.nextInt(8);
      if (kind == 0) {
        target.append(MALFORMED.get(random.nextInt(MALFORMED.size())));
      } else if (kind == 1) {
        target.append(Integer.toHexString(random.nextInt()));
      } else {
        target.append(segments[random.nextInt(segments.length)]);
      }
    }
    if (random.nextInt(3) == 0) {
      target.append("?window=").append(MALFORMED.get(random.nextInt(MALFORMED.size())));
    }
    return target.toString().replace("☃", "%E2%98%83");
  }

  interface IoCall {
    RawHttp.Response call() throws IOException;
  }

  /** Runs the call with the test logger's output ({@code System.err}) captured into {@code log}. */
  private static synchronized RawHttp.Response capturingLog(StringBuilder log, IoCall call)
      throws IOException {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return call.call();
    } finally {
      System.setErr(original);
      log.append(captured.toString(StandardCharsets.UTF_8));
    }
  }
}
