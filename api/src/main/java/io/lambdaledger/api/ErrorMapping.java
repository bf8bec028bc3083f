package io.lambdaledger.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.lambdaledger.api.auth.TokenManager;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.api.operations.MonthlyReportSource;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure a route or filter throws, and every error status, into an RFC 9457 {@code
 * application/problem+json} body. Only an unexpected exception is logged (with an id the client is
 * given); a client's mistake is answered, not logged.
 */
final class ErrorMapping {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private final ObjectMapper mapper;

  ErrorMapping(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void register(JavalinConfig config) {
    config.routes.exception(ApiProblem.class, (e, ctx) -> writeProblem(ctx, e));
    config.routes.exception(
        MonthlyReportSource.ReportRefusedException.class,
        (e, ctx) -> writeProblem(ctx, ApiProblem.conflict(e.getMessage())));
    config.routes.exception(
        TokenManager.TokenException.class,
        (e, ctx) ->
            writeProblem(
                ctx,
                switch (e.reason()) {
                  case BAD_INPUT -> ApiProblem.badRequest(e.getMessage());
                  case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
                  case CONFLICT -> ApiProblem.conflict(e.getMessage());
                }));
    config.routes.exception(
        JacksonException.class,
        (e, ctx) -> writeProblem(ctx, ApiProblem.badRequest("the request body is not valid JSON")));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          if (status >= 500) {
            logUnexpected(ctx, e);
          }
          writeProblem(ctx, ApiProblem.of(status, reason(status), safeMessage(e, status)));
        });
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (isClientAbort(e)) {
            writeProblem(ctx, ApiProblem.badRequest("the request ended before its body did"));
            return;
          }
          String id = logUnexpected(ctx, e);
          writeProblem(
              ctx,
              ApiProblem.of(
                  500, "Internal Server Error", "unexpected error; the log has it as " + id));
        });
    for (int status : new int[] {400, 404, 405, 413, 415, 500, 503}) {
      config.routes.error(
          status,
          ctx -> {
            if (!isProblem(ctx)) {
              writeProblem(ctx, ApiProblem.of(status, reason(status), defaultDetail(ctx, status)));
            }
          });
    }
  }

  /** The client closed the connection or sent less body than it announced: its fault, not ours. */
  private static boolean isClientAbort(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.EOFException
          || t.getClass().getName().equals("org.eclipse.jetty.io.EofException")
          || t.getClass().getName().equals("org.eclipse.jetty.http.BadMessageException")) {
        return true;
      }
    }
    return false;
  }

  private static String defaultDetail(Context ctx, int status) {
    return switch (status) {
      case 404 -> "no such resource: " + WindowParser.shorten(ctx.path());
      case 405 ->
          "method "
              + WindowParser.shorten(ctx.req().getMethod())
              + " is not allowed on "
              + WindowParser.shorten(ctx.path());
      case 413 -> "the request body is too large";
      default -> reason(status);
    };
  }

  private static String safeMessage(HttpResponseException e, int status) {
    String message = e.getMessage();
    return status >= 500 || message == null || message.isBlank() ? reason(status) : message;
  }

  private static String logUnexpected(Context ctx, Exception e) {
    String id = UUID.randomUUID().toString();
    LOG.error(
        "request failed id={} method={} path={}",
        id,
        WindowParser.shorten(ctx.req().getMethod()),
        WindowParser.shorten(ctx.path()),
        e);
    return id;
  }

  private static boolean isProblem(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith(ProblemErrorHandler.PROBLEM_JSON);
  }

  private void writeProblem(Context ctx, ApiProblem problem) {
    ctx.removeHeader("Content-Disposition");
    ctx.status(problem.status());
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"lambda-ledger\"");
    }
    if (problem.status() == 400 || problem.status() == 413 || problem.status() == 431) {
      // Jetty does not keep a connection after a malformed request (a bad URI, an oversized
      // header or body): saying so lets clients open a new one instead of reusing a dead one.
      ctx.header("Connection", "close");
    }
    try {
      ctx.result(mapper.writeValueAsBytes(problem.body(ctx.path())));
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write a problem body", e);
    }
    ctx.contentType(ProblemErrorHandler.PROBLEM_JSON);
  }

  static String reason(int status) {
    return org.eclipse.jetty.http.HttpStatus.getMessage(status);
  }
}
