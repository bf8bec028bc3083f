package io.lambdaledger.sim;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of the simulator. It tells services apart by the shape of the request, as an
 * endpoint shared by all of them must: the RPC v2 path ({@code /service/…/operation/…}) is
 * CloudWatch, {@code X-Amz-Target} names Pricing, tagging and CloudTrail, Lambda's REST paths start
 * with an API date, a form-encoded {@code Action} is STS, and a request signed for {@code s3} is S3
 * (path-style). The SigV4 credential scope gives the Region and the access key (hence the calling
 * account). {@code /_sim/…} are the control endpoints.
 */
final class SimServer {

  private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
  private static final Pattern RPC_V2 = Pattern.compile(".*/service/([^/]+)/operation/([^/?]+)/?$");
  private static final String DEFAULT_REGION = "us-east-1";

  private final CloudWatchService cloudWatch;
  private final LambdaService lambda;
  private final PricingService pricing;
  private final TaggingService tagging;
  private final StsService sts;
  private final CloudTrailService cloudTrail;
  private final S3Service s3;
  private final LogsInsightsService logs;
  private final Identities identities;
  private final FaultInjector faults;
  private final StatsRecorder stats;
  private final ControlApi control;
  private final AtomicLong requestCounter = new AtomicLong();
  private Javalin app;

  SimServer(
      CloudWatchService cloudWatch,
      LambdaService lambda,
      PricingService pricing,
      TaggingService tagging,
      StsService sts,
      CloudTrailService cloudTrail,
      S3Service s3,
      LogsInsightsService logs,
      Identities identities,
      FaultInjector faults,
      StatsRecorder stats,
      ControlApi control) {
    this.cloudWatch = cloudWatch;
    this.lambda = lambda;
    this.pricing = pricing;
    this.tagging = tagging;
    this.sts = sts;
    this.cloudTrail = cloudTrail;
    this.s3 = s3;
    this.logs = logs;
    this.identities = identities;
    this.faults = faults;
    this.stats = stats;
    this.control = control;
  }

  /** Starts listening; returns the bound port. */
  int start(String host, int port) {
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.concurrency.useVirtualThreads = true;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.http.maxRequestSize = 20_000_000L;
              for (HandlerType method :
                  List.of(
                      HandlerType.GET,
                      HandlerType.HEAD,
                      HandlerType.POST,
                      HandlerType.PUT,
                      HandlerType.DELETE)) {
                config.routes.addHttpHandler(method, "/", this::handle);
                config.routes.addHttpHandler(method, "/<path>", this::handle);
              }
            });
    app.start(host, port);
    return app.port();
  }

  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private void handle(Context ctx) {
    String rawPath = ctx.req().getRequestURI();
    if (rawPath.startsWith("/_sim/") || rawPath.equals("/_sim")) {
      control.handle(ctx);
      return;
    }
    String requestId = requestId();
    ctx.header("x-amzn-RequestId", requestId);
    Map<String, String> headers = headers(ctx);
    SigV4Scope scope = SigV4Scope.parse(headers.get("authorization"));
    String region = scope.region() != null ? scope.region() : DEFAULT_REGION;
    Identity identity = identities.resolve(scope.accessKeyId());
    byte[] body = ctx.bodyAsBytes();
    String method = ctx.method().name();
    Map<String, List<String>> query = queryParams(ctx.req().getQueryString());

    Call.Service service;
    String operation;
    Map<String, String> form = Map.of();
    String target = headers.get("x-amz-target");
    Matcher rpc = RPC_V2.matcher(rawPath);
    if ("s3".equals(scope.service())) {
      service = Call.Service.S3;
      operation = S3Service.operationOf(method, rawPath, query);
    } else if (rpc.matches() && method.equals("POST")) {
      service = Call.Service.CLOUDWATCH;
      operation = rpc.group(2);
      if (!rpc.group(1).endsWith(CloudWatchService.SERVICE_SHAPE)) {
        write(ctx, CloudWatchService.error(AwsException.unknownOperation(rpc.group(1))));
        return;
      }
      // RPC v2 CBOR: smithy-protocol is required, X-Amz-Target makes the request malformed.
      if (!CloudWatchService.SMITHY_PROTOCOL.equals(headers.get("smithy-protocol"))
          || target != null) {
        write(
            ctx,
            CloudWatchService.error(
                AwsException.validation(
                    "An RPC v2 CBOR request needs 'smithy-protocol: rpc-v2-cbor' and no"
                        + " X-Amz-Target.")));
        return;
      }
    } else if (target != null && target.startsWith(PricingService.TARGET_PREFIX)) {
      service = Call.Service.PRICING;
      operation = target.substring(PricingService.TARGET_PREFIX.length());
    } else if (target != null && target.startsWith(TaggingService.TARGET_PREFIX)) {
      service = Call.Service.TAGGING;
      operation = target.substring(TaggingService.TARGET_PREFIX.length());
    } else if (target != null && target.startsWith(CloudTrailService.TARGET_PREFIX)) {
      service = Call.Service.CLOUDTRAIL;
      operation = target.substring(CloudTrailService.TARGET_PREFIX.length());
    } else if (target != null && target.startsWith(LogsInsightsService.TARGET_PREFIX)) {
      service = Call.Service.LOGS;
      operation = target.substring(LogsInsightsService.TARGET_PREFIX.length());
    } else if (target != null) {
      write(
          ctx,
          JsonRpcErrors.render(
              AwsException.unknownOperation(target),
              "UnknownOperationException",
              "application/x-amz-json-1.0"));
      return;
    } else if ((operation =
            LambdaService.operationOf(method, rawPath, query.containsKey("Qualifier")))
        != null) {
      service = Call.Service.LAMBDA;
    } else if (method.equals("POST") && isForm(headers.get("content-type"))) {
      form = FormBody.parse(body);
      operation = form.getOrDefault("Action", "");
      if ("monitoring".equals(scope.service())) {
        write(
            ctx,
            StsService.error(
                AwsException.unknownOperation(
                    "CloudWatch " + operation + " over the Query protocol (use RPC v2 CBOR)"),
                requestId));
        return;
      }
      service = Call.Service.STS;
    } else {
      ctx.status(404).contentType("text/plain").result("Not an AWS API path: " + rawPath);
      return;
    }

    Call call =
        new Call(
            service, operation, method, rawPath, query, headers, body, region, identity, requestId);
    StatsRecorder.Counters counters = stats.of(operation);
    counters.calls.increment();
    Duration latency = faults.latency(operation);
    if (!latency.isZero()) {
      sleep(latency);
    }
    switch (faults.decide(operation)) {
      case THROTTLE -> {
        counters.throttled.increment();
        write(ctx, error(call, AwsException.throttling()));
        return;
      }
      case SERVER_ERROR -> {
        counters.serverErrors.increment();
        write(ctx, error(call, AwsException.internal()));
        return;
      }
      case DROP -> {
        counters.dropped.increment();
        drop(ctx);
        return;
      }
      case DENY -> {
        counters.clientErrors.increment();
        write(
            ctx,
            error(
                call,
                AwsException.accessDenied(
                    "User: arn:aws:iam::"
                        + call.account()
                        + ":user/ledger is not authorized to perform: "
                        + call.service().iamPrefix
                        + ":"
                        + operation)));
        return;
      }
      case UNSUPPORTED -> {
        // what an emulator that lacks the operation answers: 404, no body, no error code
        counters.clientErrors.increment();
        ctx.status(404).contentType("text/plain").result("");
        return;
      }
      case NONE -> {}
    }
    SimResponse response;
    try {
      response =
          switch (service) {
            case CLOUDWATCH -> cloudWatch.handle(call);
            case LAMBDA -> lambda.handle(call);
            case PRICING -> pricing.handle(call);
            case TAGGING -> tagging.handle(call);
            case STS -> sts.handle(call, form);
            case CLOUDTRAIL -> cloudTrail.handle(call);
            case S3 -> s3.handle(call);
            case LOGS -> logs.handle(call);
          };
    } catch (AwsException e) {
      if (e.kind() == AwsException.Kind.THROTTLING) {
        counters.throttled.increment();
      } else {
        counters.clientErrors.increment();
      }
      response = error(call, e);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", service, operation, e);
      counters.serverErrors.increment();
      response = error(call, AwsException.internal());
    }
    write(ctx, response);
  }

  private static SimResponse error(Call call, AwsException e) {
    return switch (call.service()) {
      case CLOUDWATCH -> CloudWatchService.error(e);
      case LAMBDA -> LambdaService.error(e);
      case PRICING -> PricingService.error(e);
      case TAGGING -> TaggingService.error(e);
      case STS -> StsService.error(e, call.requestId());
      case CLOUDTRAIL -> CloudTrailService.error(e);
      case S3 -> S3Service.error(e, call);
      case LOGS -> LogsInsightsService.error(e);
    };
  }

  private static void write(Context ctx, SimResponse response) {
    ctx.status(response.status());
    ctx.contentType(response.contentType());
    response.headers().forEach(ctx::header);
    ctx.result(response.body());
  }

  /** Closes the connection without an answer: the client sees the socket die. */
  private static void drop(Context ctx) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    request.getConnectionMetaData().getConnection().getEndPoint().close();
  }

  private String requestId() {
    long n = requestCounter.incrementAndGet();
    return String.format("%08x-0000-4000-8000-%012x", Rng.mix(n) & 0xffffffffL, n);
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static Map<String, String> headers(Context ctx) {
    Map<String, String> headers = new HashMap<>();
    Enumeration<String> names = ctx.req().getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      headers.put(name.toLowerCase(Locale.ROOT), ctx.req().getHeader(name));
    }
    return headers;
  }

  static Map<String, List<String>> queryParams(String queryString) {
    Map<String, List<String>> params = new HashMap<>();
    if (queryString == null || queryString.isEmpty()) {
      return params;
    }
    for (String pair : queryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static void sleep(Duration latency) {
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
