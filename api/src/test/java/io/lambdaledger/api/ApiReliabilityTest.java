package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.ReliabilityLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, bad input to the real server on a free port: a concurrent flood of malformed
 * requests, oversized headers and bodies, and a client that trickles its request byte by byte. Each
 * is answered with a clear 4xx (or the connection is timed out), and a valid request afterwards (or
 * meanwhile) is still served. Each scenario appends a row to {@code target/reliability/rows.tsv}.
 */
class ApiReliabilityTest {

  /** Jetty's default idle timeout, which the server keeps. */
  static final long IDLE_TIMEOUT_MS = 30_000;

  private LedgerFixture fixture;

  @BeforeEach
  void start() {
    fixture = LedgerFixture.empty(true);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  static List<Integer> runs() {
    return ReliabilityLog.runs();
  }

  /** Malformed requests: each must be refused with a 4xx, never a 5xx or a silent close. */
  private static String malformed(Random random) {
    String garbage = randomText(random, 1 + random.nextInt(40));
    return switch (random.nextInt(10)) {
      case 0 -> "GET /api/v1/costs?window=%zz HTTP/1.1\r\nHost: x\r\n\r\n";
      case 1 -> "GET /healthz HTTP/1.1\r\n\r\n"; // no Host
      case 2 -> "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n";
      case 3 -> "GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n";
      case 4 ->
          "POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
              + "Content-Length: 7\r\n\r\n{}";
      case 5 ->
          "POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
              + "Authorization: Bearer "
              + LedgerFixture.ADMIN
              + "\r\n\r\nzz\r\n\r\n";
      // (without CR/LF: "GET /" then a line break is an HTTP/0.9 request, answered 505)
      case 6 ->
          "GET /"
              + garbage.replace(" ", "%").replace("\r", "").replace("\n", "")
              + " HTTP/1.1\r\nHost: x\r\n\r\n";
      case 7 -> garbage.replace("\r", "").replace("\n", "") + "\r\n\r\n";
      case 8 -> "GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n";
      default ->
          "POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Authorization: Bearer "
              + LedgerFixture.ADMIN
              + "\r\nContent-Length: "
              + (garbage.getBytes(StandardCharsets.UTF_8).length)
              + "\r\n\r\n"
              + garbage;
    };
  }

  @ParameterizedTest(name = "run {0}")
  @MethodSource("runs")
  void aFloodOfMalformedRequestsIsAnsweredWith4xxAndTheServerKeepsServing(int run)
      throws Exception {
    long started = System.nanoTime();
    long seed = 900L + run;
    int threads = 8;
    int perThread = 60;
    List<String> wrong = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(seed * 31 + t);
        futures.add(
            pool.submit(
                () -> {
                  List<String> bad = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    String request = malformed(random);
                    String status = statusLine(request.getBytes(StandardCharsets.UTF_8));
                    if (!status.matches("HTTP/1\\.1 4\\d\\d .*")) {
                      bad.add(
                          status + " <- " + request.substring(0, Math.min(80, request.length())));
                    }
                  }
                  return bad;
                }));
      }
      for (Future<List<String>> future : futures) {
        wrong.addAll(future.get(120, TimeUnit.SECONDS));
      }
    }
    boolean stillServing = servesValidRequests();
    int sent = threads * perThread;
    ReliabilityLog.append(
        new ReliabilityLog.Row(
            "api: flood of malformed requests",
            seed,
            threads
                + " clients at once send "
                + perThread
                + " malformed requests each (bad URI escapes, no Host, bad or duplicate"
                + " Content-Length, bad chunking, garbage request lines, path traversal, bad JSON);"
                + " then valid requests",
            sent,
            sent,
            "requests",
            wrong.size(),
            0,
            wrong.isEmpty() && stillServing,
            ReliabilityLog.secondsSince(started)));

    assertThat(wrong).as("requests not answered with a 4xx").isEmpty();
    assertThat(stillServing).as("valid requests are served afterwards").isTrue();
  }

  @Test
  void oversizedHeadersAre431AndTheServerKeepsServing() throws Exception {
    long started = System.nanoTime();
    String request =
        "GET /api/v1/whoami HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(64 * 1024) + "\r\n\r\n";
    String status = statusLine(request.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> viaClient =
        fixture.http.send(
            "GET", "/api/v1/whoami", null, java.util.Map.of("X-Big", "h".repeat(64 * 1024)));
    boolean stillServing = servesValidRequests();
    boolean passed =
        status.startsWith("HTTP/1.1 431 ")
            && viaClient.statusCode() == 431
            && HttpTestClient.contentType(viaClient).startsWith("application/problem+json")
            && stillServing;
    ReliabilityLog.append(
        new ReliabilityLog.Row(
            "api: oversized headers (64 KiB)",
            1,
            "a 64 KiB header, raw and through java.net.http; expected 431 problem+json",
            2,
            2,
            "requests",
            passed ? 0 : 1,
            0,
            passed,
            ReliabilityLog.secondsSince(started)));

    assertThat(status).startsWith("HTTP/1.1 431 ");
    assertThat(viaClient.statusCode()).isEqualTo(431);
    assertThat(HttpTestClient.contentType(viaClient)).startsWith("application/problem+json");
    assertThat(stillServing).as("valid requests are served afterwards").isTrue();
  }

  @Test
  void oversizedBodiesAre413AndTheServerKeepsServing() throws Exception {
    long started = System.nanoTime();
    String big = "\"" + "b".repeat(1024 * 1024) + "\"";
    // A client that announces the body and waits (Expect: 100-continue) gets the 413 before
    // sending it. One that sends it regardless may fail writing it once the server, having
    // answered, closes: java.net.http then reports no answer, so the raw case below reads the
    // answer whatever happens to the write.
    HttpResponse<String> declared =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(fixture.http.base() + "/api/v1/collections"))
                    .expectContinue(true)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + LedgerFixture.ADMIN)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    String sentAnyway =
        statusLine(
            ("POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer "
                    + LedgerFixture.ADMIN
                    + "\r\nContent-Length: "
                    + big.length()
                    + "\r\n\r\n"
                    + big)
                .getBytes(StandardCharsets.UTF_8));
    String chunked =
        statusLine(
            chunkedRequest("/api/v1/collections", LedgerFixture.ADMIN, 256 * 1024)
                .getBytes(StandardCharsets.UTF_8));
    String announced =
        statusLine(
            ("POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer "
                    + LedgerFixture.ADMIN
                    + "\r\nContent-Length: 999999999\r\n\r\n{}")
                .getBytes(StandardCharsets.UTF_8));
    boolean stillServing = servesValidRequests();
    int wrong =
        (declared.statusCode() == 413 ? 0 : 1)
            + (sentAnyway.startsWith("HTTP/1.1 413 ") ? 0 : 1)
            + (chunked.startsWith("HTTP/1.1 413 ") ? 0 : 1)
            + (announced.startsWith("HTTP/1.1 413 ") ? 0 : 1);
    ReliabilityLog.append(
        new ReliabilityLog.Row(
            "api: oversized bodies",
            1,
            "1 MiB JSON body (with Expect: 100-continue, and sent at once), 256 KiB chunked"
                + " body, Content-Length 999999999 with no body (limit 64 KiB); expected 413",
            4,
            4,
            "requests",
            wrong,
            0,
            wrong == 0 && stillServing,
            ReliabilityLog.secondsSince(started)));

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(HttpTestClient.contentType(declared)).startsWith("application/problem+json");
    assertThat(sentAnyway).startsWith("HTTP/1.1 413 ");
    assertThat(chunked).startsWith("HTTP/1.1 413 ");
    assertThat(announced).startsWith("HTTP/1.1 413 ");
    assertThat(fixture.collectionsStarted).hasValue(0);
    assertThat(stillServing).as("valid requests are served afterwards").isTrue();
  }

  @Test
  void aClientTricklingItsRequestIsTimedOutWithoutHoldingUpOthers() throws Exception {
    long started = System.nanoTime();
    byte[] partial =
        "GET /api/v1/whoami HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.UTF_8);
    long slowest = 0;
    int served = 0;
    long closedAfterMs;
    try (Socket slow = new Socket("127.0.0.1", fixture.server.port())) {
      OutputStream out = slow.getOutputStream();
      for (byte b : partial) {
        out.write(b);
        out.flush();
        Thread.sleep(40);
        if (served < 10) {
          long t0 = System.nanoTime();
          if (servesValidRequests()) {
            served++;
          }
          slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
      }
      // then the client stalls: the server must close the connection after its idle timeout
      long stalled = System.nanoTime();
      slow.setSoTimeout((int) IDLE_TIMEOUT_MS + 20_000);
      InputStream in = slow.getInputStream();
      try {
        while (in.read() >= 0) {
          // a 408 answer, if any, then the close
        }
      } catch (SocketTimeoutException e) {
        // not closed within idle timeout + 20 s: reported below
      } catch (IOException e) {
        // reset: closed too
      }
      closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalled);
    }
    boolean timedOut = closedAfterMs < IDLE_TIMEOUT_MS + 15_000;
    ReliabilityLog.append(
        new ReliabilityLog.Row(
            "api: slow client (byte by byte, then stalls)",
            1,
            "a client sends its request line and headers one byte every 40 ms, then stalls;"
                + " meanwhile 10 normal requests (slowest "
                + slowest
                + " ms); connection closed "
                + closedAfterMs / 1000
                + " s after the stall",
            1,
            10,
            "requests",
            10 - served,
            0,
            served == 10 && timedOut,
            ReliabilityLog.secondsSince(started)));

    assertThat(served).as("normal requests served while the slow client trickles").isEqualTo(10);
    assertThat(slowest).as("slowest normal request, ms").isLessThan(5_000);
    assertThat(closedAfterMs)
        .as("the stalled connection is closed after the idle timeout")
        .isLessThan(IDLE_TIMEOUT_MS + 15_000);
  }

  /** A valid public request and a valid authenticated one both answer 200. */
  private boolean servesValidRequests() {
    return fixture.http.get("/healthz").statusCode() == 200
        && fixture.http.get("/api/v1/whoami", LedgerFixture.VIEWER).statusCode() == 200;
  }

  private static String chunkedRequest(String path, String token, int bytes) {
    StringBuilder request =
        new StringBuilder("POST ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
            .append("Authorization: Bearer ")
            .append(token)
            .append("\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = "c".repeat(8 * 1024);
    for (int sent = 0; sent < bytes; sent += chunk.length()) {
      request
          .append(Integer.toHexString(chunk.length()))
          .append("\r\n")
          .append(chunk)
          .append("\r\n");
    }
    return request.append("0\r\n\r\n").toString();
  }

  /** Sends raw bytes on a new connection and returns the status line (empty if none). */
  private String statusLine(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before it has read everything
      }
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      try {
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
          line.append((char) c);
        }
      } catch (SocketTimeoutException e) {
        return "no answer within 15 s";
      } catch (IOException e) {
        if (line.isEmpty()) {
          return "connection reset: " + e.getMessage();
        }
      }
      return line.toString().trim();
    }
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      if (kind < 7) {
        text.append((char) (33 + random.nextInt(94)));
      } else if (kind < 9) {
        text.append((char) random.nextInt(32));
      } else {
        text.appendCodePoint(0x80 + random.nextInt(0x2FFF));
      }
    }
    return text.toString();
  }
}
