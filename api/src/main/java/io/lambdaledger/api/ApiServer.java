package io.lambdaledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.javalin.json.JavalinJackson;
import io.lambdaledger.api.alerts.AlertsController;
import io.lambdaledger.api.auth.Authenticator;
import io.lambdaledger.api.auth.TokenManager;
import io.lambdaledger.api.auth.TokensController;
import io.lambdaledger.api.http.Access;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.core.model.TokenRole;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

  /**
   * How the server behaves. {@code authEnabled} false lets every request in as an admin over every
   * account (logged at start and shown on the dashboard); {@code version} is shown by {@code
   * /api/v1/about}; {@code finalityHorizon} (longest function timeout plus a margin) is how long
   * CloudWatch data may still change, which the API warns about.
   */
  public record Settings(
      boolean authEnabled,
      Clock clock,
      String version,
      Duration finalityHorizon,
      ReadLimits readLimits) {

    public Settings(boolean authEnabled, Clock clock, String version, Duration finalityHorizon) {
      this(authEnabled, clock, version, finalityHorizon, ReadLimits.DEFAULT);
    }

    public Settings {
      readLimits = readLimits == null ? ReadLimits.DEFAULT : readLimits;
      Objects.requireNonNull(clock, "clock");
      version = version == null ? "dev" : version;
      finalityHorizon = finalityHorizon == null ? Duration.ofMinutes(30) : finalityHorizon;
    }
  }

  /**
   * How slowly a client may send: {@code idle} is the longest silence on a connection, {@code
   * header} the longest a request line and headers may take, {@code body} the longest a request
   * body may take after its header. A connection over any of them is closed.
   */
  public record ReadLimits(Duration idle, Duration header, Duration body) {
    public static final ReadLimits DEFAULT =
        new ReadLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public ReadLimits {
      for (Duration limit : new Duration[] {idle, header, body}) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
          throw new IllegalArgumentException("read limits must be positive durations");
        }
      }
    }
  }

  private final Settings settings;
  private final Services services;
  private final TokenManager tokens;
  private final Authenticator authenticator;
  private final ObjectMapper mapper = objectMapper();
  private ReadDeadlines deadlines;
  private Javalin app;

  public ApiServer(Settings settings, Services services) {
    this.settings = settings;
    this.services = services;
    this.tokens = new TokenManager(services.tokens(), services.tokenStore(), settings.clock());
    this.authenticator = new Authenticator(settings.authEnabled(), tokens);
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
    deadlines = new ReadDeadlines(settings.readLimits(), services.metrics().registry());
    deadlines.applyTo(app.jettyServer().server());
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
    if (deadlines != null) {
      deadlines.close();
      deadlines = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Serves {@code directory} of the classpath at {@code hostedPath}, to anyone. */
  private static void publicClasspathFiles(
      StaticFileConfig files, String hostedPath, String directory) {
    files.hostedPath = hostedPath;
    files.directory = directory;
    files.location = Location.CLASSPATH;
    files.roles = Set.of(Access.PUBLIC);
  }

  private void configure(JavalinConfig config) {
    config.concurrency.useVirtualThreads = true;
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.prefer405over404 = true;
    config.http.maxRequestSize = RequestGuard.MAX_REQUEST_BYTES;
    config.jsonMapper(new JavalinJackson(mapper, true));
    config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
    config.staticFiles.add(files -> publicClasspathFiles(files, "/", "/dashboard"));
    config.staticFiles.add(
        files -> {
          publicClasspathFiles(files, "/webjars", "META-INF/resources/webjars");
          files.headers = Map.of("Cache-Control", "max-age=31536000");
        });

    config.routes.before(RequestGuard::beforeEveryRequest);
    config.routes.beforeMatched(this::authorize);
    config.routes.after(new RequestMetrics(services.metrics().registry())::afterEveryRequest);
    new ErrorMapping(mapper).register(config);
    new Routes(settings, services, services.ledger(), mapper).register(config.routes);
    new TokensController(tokens).register(config.routes);
    new AlertsController(services.alerting()).register(config.routes);
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
    caller.attachTo(ctx);
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
