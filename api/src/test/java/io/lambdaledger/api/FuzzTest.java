package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends a few thousand malformed or random query strings, paths and bodies (seeded, so a failure
 * repeats) and requires that none is answered with a 5xx, and that every 4xx is a problem body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzTest {

  static final long SEED = 20261015L;

  static final List<String> PATHS =
      List.of(
          "/api/v1/costs",
          "/api/v1/free-tier",
          "/api/v1/forecast",
          "/api/v1/functions",
          "/api/v1/functions/111111111111/us-east-1/checkout-api",
          "/api/v1/functions/222222222222/us-east-1/search-indexer/metrics",
          "/api/v1/prices",
          "/api/v1/collections",
          "/api/v1/reports/2026-09.csv",
          "/api/v1/whoami");

  static final List<String> PARAMS =
      List.of(
          "window",
          "aggregate",
          "step",
          "filter",
          "sort",
          "limit",
          "offset",
          "month",
          "metric",
          "region",
          "format",
          "allowPartial",
          "x",
          "");

  static final List<String> VALUES =
      List.of(
          "month",
          "lastmonth",
          "today",
          "7d",
          "2026-10",
          "2026-09-31",
          "2026-10-01,2026-10-02",
          "2026-10-02,2026-10-01",
          "1790812800,1790899200",
          "99999999999,1",
          "0d",
          "-7d",
          "function",
          "tag:",
          "tag:team",
          "function,function",
          "hour",
          "day",
          "month",
          "week",
          "region:",
          "tag:team:payments",
          "tag::",
          ":",
          ",",
          ",,,",
          "total:desc",
          "-total",
          "key:sideways",
          "0",
          "-1",
          "2147483648",
          "1e9",
          "NaN",
          "null",
          "true",
          "invocations,bogus",
          "csv",
          "focus",
          "us-east-1",
          "☃",
          "\u0000",
          "%",
          "'; drop table account; --",
          "<script>",
          "2026-10-01T00:00:00+14:00,2026-10-01T00:00:00-12:00",
          "9999-12",
          "0000-01");

  @RegisterExtension static final LedgerServer ledger = new LedgerServer(LedgerFixture::seeded);

  private final Random random = new Random(SEED);

  private String randomText(int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      if (kind < 6) {
        text.append((char) (32 + random.nextInt(95)));
      } else if (kind < 8) {
        text.append((char) random.nextInt(32));
      } else {
        text.appendCodePoint(0x80 + random.nextInt(0x2FFF));
      }
    }
    return text.toString();
  }

  private String randomQuery() {
    StringBuilder query = new StringBuilder();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      String name =
          random.nextInt(6) == 0 ? randomText(8) : PARAMS.get(random.nextInt(PARAMS.size()));
      String value =
          random.nextInt(3) == 0 ? randomText(40) : VALUES.get(random.nextInt(VALUES.size()));
      if (random.nextInt(4) == 0) {
        value = value + VALUES.get(random.nextInt(VALUES.size()));
      }
      query.append(i == 0 ? "?" : "&");
      query.append(URLEncoder.encode(name, StandardCharsets.UTF_8));
      query.append('=');
      query.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  private String randomPath() {
    if (random.nextInt(5) > 0) {
      return PATHS.get(random.nextInt(PATHS.size()));
    }
    String[] segments = {"api", "v1", "functions", "costs", "..", "%2e%2e", "reports", "x.csv"};
    StringBuilder path = new StringBuilder();
    int depth = 1 + random.nextInt(6);
    for (int i = 0; i < depth; i++) {
      path.append('/');
      path.append(
          random.nextBoolean()
              ? segments[random.nextInt(segments.length)]
              : URLEncoder.encode(randomText(12), StandardCharsets.UTF_8));
    }
    return path.toString();
  }

  private String randomBody() {
    return switch (random.nextInt(6)) {
      case 0 -> "{";
      case 1 -> "{\"" + randomText(10).replace("\"", "") + "\": " + random.nextInt() + "}";
      case 2 -> "[" + "[".repeat(random.nextInt(200)) + "]";
      case 3 -> randomText(200);
      case 4 -> "{}";
      default -> "\"" + "x".repeat(random.nextInt(60_000)) + "\"";
    };
  }

  @Test
  void random_requests_never_get_a_5xx_and_every_4xx_is_a_problem() {
    List<String> failures = new ArrayList<>();
    int sent = 0;
    String previous = "";
    for (int i = 0; i < 1_200; i++) {
      String method = random.nextInt(8) == 0 ? "POST" : "GET";
      String path =
          method.equals("POST") && random.nextBoolean() ? "/api/v1/collections" : randomPath();
      String target = path + randomQuery();
      String token =
          switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> LedgerFixture.SCOPED;
            case 2 -> LedgerFixture.ADMIN;
            case 3 -> randomText(30).replaceAll("[\\p{Cntrl}\\u0080-\\uFFFF]", "x");
            default -> LedgerFixture.VIEWER;
          };
      Map<String, String> headers =
          token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
      String body = method.equals("POST") ? randomBody() : null;
      HttpResponse<String> response;
      try {
        response = ledger.fixture().http.send(method, target, body, headers);
      } catch (java.io.UncheckedIOException e) {
        throw new AssertionError(
            "connection dropped on "
                + method
                + " "
                + target
                + " body="
                + body
                + " after "
                + previous,
            e);
      }
      previous =
          method + " " + target + " -> " + response.statusCode() + " " + response.headers().map();
      sent++;
      int status = response.statusCode();
      String type = HttpTestClient.contentType(response);
      if (status >= 500) {
        failures.add(method + " " + target + " -> " + status + " " + response.body());
      } else if (status >= 400 && !type.startsWith("application/problem+json")) {
        failures.add(method + " " + target + " -> " + status + " as " + type);
      }
    }
    assertThat(sent).isGreaterThanOrEqualTo(1_000);
    assertThat(failures).isEmpty();
  }

  @Test
  void malformed_http_is_refused_with_a_4xx() throws IOException {
    List<String> requests =
        List.of(
            "GET /api/v1/costs?window=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /api/v1/costs?window=%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /api/v1/costs HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n",
            "POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n"
                + "Authorization: Bearer "
                + LedgerFixture.ADMIN
                + "\r\n\r\n{\"a\"",
            "POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n"
                + "Authorization: Bearer "
                + LedgerFixture.ADMIN
                + "\r\n\r\n{}",
            "GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
            "BREW /api/v1/costs HTTP/1.1\r\nHost: x\r\n\r\n");
    for (String request : requests) {
      String status = rawStatusLine(request);
      assertThat(status)
          .as(request.substring(0, Math.min(60, request.length())))
          .matches("HTTP/1\\.1 4\\d\\d .*");
    }
  }

  private String rawStatusLine(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", ledger.fixture().server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      return line.toString().trim();
    }
  }
}
