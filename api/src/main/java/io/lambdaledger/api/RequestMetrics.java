package io.lambdaledger.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code http_server_requests}. Every label has a bounded set of values,
 * whatever a client sends: a method outside the standard ones is {@code OTHER}, and a request that
 * matched no route is {@code static} (a file served) or {@code UNMATCHED}, never its own path.
 */
final class RequestMetrics {

  static final String OTHER_METHOD = "OTHER";
  static final String UNMATCHED = "UNMATCHED";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  private final MeterRegistry registry;

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void afterEveryRequest(Context ctx) {
    Long started = ctx.attribute(RequestGuard.STARTED);
    if (started == null) {
      return;
    }
    int status = ctx.statusCode();
    Timer.builder("http.server.requests")
        .tag("method", method(ctx.req().getMethod()))
        .tag("uri", uri(ctx.endpoints().matchedHttpEndpoint(), status))
        .tag("status", Integer.toString(status))
        .tag("outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
        .register(registry)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  static String method(String method) {
    return method != null && METHODS.contains(method) ? method : OTHER_METHOD;
  }

  static String uri(Endpoint endpoint, int status) {
    if (endpoint != null) {
      return endpoint.path;
    }
    return status < 400 ? "static" : UNMATCHED;
  }
}
