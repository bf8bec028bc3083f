package io.lambdaledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.lambdaledger.core.model.TokenRole;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API and dashboard: builds a Javalin server (virtual threads) from its collaborators and
 * starts it on the given host and port ({@code 0} picks a free port). Routes are under {@code
 * /api/v1}; {@code /healthz}, {@code /readyz}, {@code /metrics} and the dashboard's static files at
 * {@code /} are public; everything else needs a bearer token unless auth is disabled.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String CALLER = "ledger.caller";
  private static final String STARTED = "ledger.started";

  /** Largest request body accepted (413 above). */
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  /**
   * How the server behaves. {@code authEnabled} false lets every request in as an admin over every
   * account (logged at start and shown on the dashboard); {@code version} is shown by {@code
   * /api/v1/about}; {@code finalityHorizon} (longest function timeout plus a margin) is how long
   * CloudWatch data may still change, which the API warns about.
   */
  public record Settings(
      boolean authEnabled, Clock clock, String version, Duration finalityHorizon) {
    public Settings {
      Objects.requireNonNull(clock, "clock");
      version = version == null ? "dev" : version;
      finalityHorizon = finalityHorizon == null ? Duration.ofMinutes(30) : finalityHorizon;
    }
  }

  private final Settings settings;
  private final Services services;
  private final Authenticator authenticator;
  private final ObjectMapper mapper = objectMapper();
  private Javalin app;

  public ApiServer(Settings settings, Services services) {
    this.settings = settings;
    this.services = services;
    this.authenticator = new Authenticator(settings.authEnabled(), services.tokens());
  }

  /** Starts listening; returns this server. Use {@link #port()} for the port actually bound. */
  public synchronized ApiServer start(String host, int port) {
    if (app != null) {
      throw new IllegalStateException("server already started");
    }
    if (!settings.authEnabled()) {
      LOG.warn(
          "auth=disabled: every request is served as an admin over every account;"
              + " enable server.authEnabled for anything but a local demo");
    }
    app = Javalin.create(this::configure);
    app.start(host, port);
    LOG.info(
        "api started host={} port={} auth={}",
        host,
        app.port(),
        settings.authEnabled() ? "enabled" : "disabled");
    return this;
  }

  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("server not started");
    }
    return app.port();
  }

  /** Stops the server; safe to call twice. */
  public synchronized void stop() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void configure(JavalinConfig config) {
    config.concurrency.useVirtualThreads = true;
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.prefer405over404 = true;
    config.http.maxRequestSize = MAX_REQUEST_BYTES;
    config.jsonMapper(new JavalinJackson(mapper, true));
    config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = "/dashboard";
          files.location = Location.CLASSPATH;
          files.roles = Set.of(Access.PUBLIC);
        });
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/webjars";
          files.directory = "META-INF/resources/webjars";
          files.location = Location.CLASSPATH;
          files.roles = Set.of(Access.PUBLIC);
          files.headers = Map.of("Cache-Control", "max-age=31536000");
        });

    config.routes.before(this::beforeEveryRequest);
    config.routes.beforeMatched(this::authorize);
    config.routes.after(this::afterEveryRequest);
    registerErrorMapping(config);
    new Routes(settings, services, services.ledger(), mapper).register(config.routes);
  }

  private void beforeEveryRequest(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    long contentLength = ctx.req().getContentLengthLong();
    if (contentLength > MAX_REQUEST_BYTES) {
      // Refuse an announced oversized body at once: reading it first would wait for bytes the
      // client may send slowly or never, holding the connection until the idle timeout.
      throw ApiProblem.of(
          413, reason(413), "the request body is too large (at most 64 KiB are accepted)");
    }
    if (contentLength != 0) {
      // Read the (size-limited) body up front, whatever the route does with it: a body left unread
      // makes Jetty drop the connection after the response, under a client that may reuse it.
      ctx.bodyAsBytes();
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " frame-ancestors 'none'");
  }

  private void authorize(Context ctx) {
    var roles = ctx.routeRoles();
    if (roles.contains(Access.PUBLIC)) {
      return;
    }
    Caller caller = authenticator.authenticate(ctx.header("Authorization"));
    if (roles.contains(Access.ADMIN) && caller.role() != TokenRole.ADMIN) {
      throw ApiProblem.forbidden("this route needs an admin token");
    }
    ctx.attribute(CALLER, caller);
  }

  static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException("route has no caller: is it registered with a role?");
    }
    return caller;
  }

  private void afterEveryRequest(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String uri;
    if (endpoint != null) {
      uri = endpoint.path;
    } else if (ctx.statusCode() == 404) {
      uri = "NOT_FOUND";
    } else {
      uri = "static";
    }
    int status = ctx.statusCode();
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("uri", uri)
        .tag("status", Integer.toString(status))
        .tag("outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
        .register(services.metrics().registry())
        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private void registerErrorMapping(JavalinConfig config) {
    config.routes.exception(ApiProblem.class, (e, ctx) -> writeProblem(ctx, e));
    config.routes.exception(
        MonthlyReportSource.ReportRefusedException.class,
        (e, ctx) -> writeProblem(ctx, ApiProblem.conflict(e.getMessage())));
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
              + ctx.method().name()
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
    LOG.error("request failed id={} method={} path={}", id, ctx.method().name(), ctx.path(), e);
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

  static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .setDefaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
  }
}
