package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda control plane (REST-JSON): ListFunctions (at most 50 per page, {@code Marker} / {@code
 * NextMarker}), GetFunction, GetFunctionConfiguration, ListVersionsByFunction, ListAliases,
 * ListTags, ListProvisionedConcurrencyConfigs and GetProvisionedConcurrencyConfig. Configuration is
 * the one in force at the simulator's "now".
 */
final class LambdaService {

  static final int PAGE_SIZE = 50;
  static final String PC_ALIAS = "live";
  private static final String PC_VERSION = "1";
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final Workload workload;
  private final Clock clock;

  LambdaService(Workload workload, Clock clock) {
    this.workload = workload;
    this.clock = clock;
  }

  /** The operation a REST request names, or null if it is not a Lambda path. */
  static String operationOf(String method, String rawPath, boolean qualified) {
    String[] s = segments(rawPath);
    if (s.length < 2 || !method.equals("GET")) {
      return s.length >= 2 && isLambdaPrefix(s[0], s[1]) ? "Unsupported" : null;
    }
    if (s[0].equals("2015-03-31") && s[1].equals("functions")) {
      if (s.length == 2) {
        return "ListFunctions";
      }
      if (s.length == 3) {
        return "GetFunction";
      }
      if (s.length == 4) {
        return switch (s[3]) {
          case "configuration" -> "GetFunctionConfiguration";
          case "versions" -> "ListVersionsByFunction";
          case "aliases" -> "ListAliases";
          default -> "Unsupported";
        };
      }
    }
    if (s[0].equals("2017-03-31") && s[1].equals("tags") && s.length == 3) {
      return "ListTags";
    }
    if (s[0].equals("2019-09-30")
        && s[1].equals("functions")
        && s.length == 4
        && s[3].equals("provisioned-concurrency")) {
      return qualified ? "GetProvisionedConcurrencyConfig" : "ListProvisionedConcurrencyConfigs";
    }
    return isLambdaPrefix(s[0], s[1]) ? "Unsupported" : null;
  }

  private static boolean isLambdaPrefix(String version, String resource) {
    return version.matches("20\\d\\d-\\d\\d-\\d\\d")
        && (resource.equals("functions") || resource.equals("tags"));
  }

  private static String[] segments(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] parts = path.isEmpty() ? new String[0] : path.split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    return parts;
  }

  SimResponse handle(Call call) {
    String[] s = segments(call.path());
    ObjectNode body =
        switch (call.operation()) {
          case "ListFunctions" -> listFunctions(call);
          case "GetFunction" -> getFunction(call, s[2]);
          case "GetFunctionConfiguration" -> getFunctionConfiguration(call, s[2]);
          case "ListVersionsByFunction" -> listVersions(call, s[2]);
          case "ListAliases" -> listAliases(call, s[2]);
          case "ListTags" -> listTags(call, s[2]);
          case "ListProvisionedConcurrencyConfigs", "GetProvisionedConcurrencyConfig" ->
              provisionedConcurrency(call, s[2]);
          default -> throw AwsException.unknownOperation(call.method() + " " + call.path());
        };
    return SimResponse.ok("application/json", Json.bytes(body));
  }

  private ObjectNode listFunctions(Call call) {
    List<FunctionProfile> functions = workload.functions(call.account(), call.region());
    long fingerprint = PageToken.fingerprint(call.account() + '|' + call.region());
    int offset = 0;
    String marker = call.queryParam("Marker");
    if (marker != null && !marker.isEmpty()) {
      offset = (int) PageToken.decode(marker, 2, fingerprint)[0];
      if (offset < 0 || offset > functions.size()) {
        throw AwsException.invalidParameter("Invalid Marker");
      }
    }
    int pageSize = PAGE_SIZE;
    String maxItems = call.queryParam("MaxItems");
    if (maxItems != null) {
      try {
        int requested = Integer.parseInt(maxItems);
        if (requested < 1 || requested > 10_000) {
          throw AwsException.invalidParameter("MaxItems must be between 1 and 10000");
        }
        pageSize = Math.min(PAGE_SIZE, requested);
      } catch (NumberFormatException e) {
        throw AwsException.invalidParameter("MaxItems must be a number");
      }
    }
    int end = Math.min(functions.size(), offset + pageSize);
    ObjectNode result = Json.object();
    ArrayNode list = result.putArray("Functions");
    long now = clock.instant().getEpochSecond();
    for (FunctionProfile f : functions.subList(offset, end)) {
      list.add(configuration(f, now, false));
    }
    if (end < functions.size()) {
      result.put("NextMarker", PageToken.encode(end, fingerprint));
    }
    return result;
  }

  private ObjectNode getFunction(Call call, String nameOrArn) {
    FunctionProfile f = find(call, nameOrArn);
    long now = clock.instant().getEpochSecond();
    ObjectNode result = Json.object();
    result.set("Configuration", configuration(f, now, true));
    ObjectNode code = result.putObject("Code");
    code.put("RepositoryType", f.packageType.equals("Image") ? "ECR" : "S3");
    code.put(
        "Location",
        "https://awslambda-" + f.region + "-tasks.s3.amazonaws.com/snapshots/" + f.name);
    if (!f.tags.isEmpty()) {
      ObjectNode tags = result.putObject("Tags");
      f.tags.forEach(tags::put);
    }
    return result;
  }

  private ObjectNode getFunctionConfiguration(Call call, String nameOrArn) {
    FunctionProfile f = find(call, nameOrArn);
    return configuration(f, clock.instant().getEpochSecond(), true);
  }

  private ObjectNode listVersions(Call call, String nameOrArn) {
    FunctionProfile f = find(call, nameOrArn);
    long now = clock.instant().getEpochSecond();
    ObjectNode result = Json.object();
    ArrayNode versions = result.putArray("Versions");
    versions.add(configuration(f, now, false));
    if (f.provisionedConcurrency > 0) {
      ObjectNode published = configuration(f, now, false);
      published.put("Version", PC_VERSION);
      published.put("FunctionArn", f.arn + ":" + PC_VERSION);
      versions.add(published);
    }
    return result;
  }

  private ObjectNode listAliases(Call call, String nameOrArn) {
    FunctionProfile f = find(call, nameOrArn);
    ObjectNode result = Json.object();
    ArrayNode aliases = result.putArray("Aliases");
    if (f.provisionedConcurrency > 0) {
      ObjectNode alias = aliases.addObject();
      alias.put("AliasArn", f.arn + ":" + PC_ALIAS);
      alias.put("Name", PC_ALIAS);
      alias.put("FunctionVersion", PC_VERSION);
      alias.put("Description", "");
      alias.put("RevisionId", revisionId(f, 7));
    }
    return result;
  }

  private ObjectNode listTags(Call call, String arn) {
    FunctionProfile f = find(call, arn);
    ObjectNode result = Json.object();
    ObjectNode tags = result.putObject("Tags");
    f.tags.forEach(tags::put);
    return result;
  }

  private ObjectNode provisionedConcurrency(Call call, String nameOrArn) {
    FunctionProfile f = find(call, nameOrArn);
    String qualifier = call.queryParam("Qualifier");
    long now = clock.instant().getEpochSecond();
    int allocated = f.provisionedAt(now);
    if (qualifier != null) {
      if (allocated == 0 || !qualifier.equals(PC_ALIAS)) {
        throw new AwsException(
            AwsException.Kind.NOT_FOUND,
            "No Provisioned Concurrency Config found for this function");
      }
      ObjectNode config = provisionedConfig(f, allocated, now);
      config.remove("FunctionArn");
      return config;
    }
    ObjectNode result = Json.object();
    ArrayNode configs = result.putArray("ProvisionedConcurrencyConfigs");
    if (allocated > 0) {
      configs.add(provisionedConfig(f, allocated, now));
    }
    return result;
  }

  private ObjectNode provisionedConfig(FunctionProfile f, int allocated, long now) {
    ObjectNode config = Json.object();
    config.put("FunctionArn", f.arn + ":" + PC_ALIAS);
    config.put("RequestedProvisionedConcurrentExecutions", allocated);
    config.put("AvailableProvisionedConcurrentExecutions", allocated);
    config.put("AllocatedProvisionedConcurrentExecutions", allocated);
    config.put("Status", "READY");
    config.put("LastModified", lastModified(CloudTrailEvents.provisionedSinceAt(f, now)));
    return config;
  }

  private FunctionProfile find(Call call, String nameOrArn) {
    String name = nameOrArn;
    String account = call.account();
    String region = call.region();
    if (nameOrArn.startsWith("arn:")) {
      String[] parts = nameOrArn.split(":");
      if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
        throw AwsException.invalidParameter("Invalid ARN: " + nameOrArn);
      }
      region = parts[3];
      account = parts[4];
      name = parts[6];
    } else if (nameOrArn.contains(":function:")) {
      String[] parts = nameOrArn.split(":");
      account = parts[0];
      name = parts[2];
    } else if (nameOrArn.contains(":")) {
      name = nameOrArn.substring(0, nameOrArn.indexOf(':'));
    }
    FunctionProfile f =
        account.equals(call.account()) && region.equals(call.region())
            ? workload.function(account, region, name)
            : null;
    if (f == null) {
      throw AwsException.notFound(
          "Function not found: arn:aws:lambda:" + region + ":" + account + ":function:" + name);
    }
    return f;
  }

  private ObjectNode configuration(FunctionProfile f, long now, boolean withState) {
    FunctionConfig config = f.configAt(now);
    ObjectNode c = Json.object();
    c.put("FunctionName", f.name);
    c.put("FunctionArn", f.arn);
    if (f.runtime != null) {
      c.put("Runtime", f.runtime);
    }
    c.put("Role", "arn:aws:iam::" + f.account + ":role/" + f.name + "-role");
    if (f.handler != null) {
      c.put("Handler", f.handler);
    }
    c.put("CodeSize", f.codeSize);
    c.put("Description", "");
    c.put("Timeout", f.timeoutSeconds);
    c.put("MemorySize", config.memoryMb());
    c.put("LastModified", lastModified(f.lastModifiedAt(now)));
    c.put("CodeSha256", codeSha(f));
    c.put("Version", "$LATEST");
    c.putObject("TracingConfig").put("Mode", "PassThrough");
    c.put("RevisionId", revisionId(f, f.lastModifiedAt(now)));
    if (f.deadLetterQueue) {
      c.putObject("DeadLetterConfig")
          .put("TargetArn", "arn:aws:sqs:" + f.region + ":" + f.account + ":" + f.name + "-dlq");
    }
    c.put("PackageType", f.packageType);
    c.putArray("Architectures").add(config.architecture());
    c.putObject("EphemeralStorage").put("Size", config.ephemeralStorageMb());
    ObjectNode snapStart = c.putObject("SnapStart");
    snapStart.put("ApplyOn", "None");
    snapStart.put("OptimizationStatus", "Off");
    ObjectNode logging = c.putObject("LoggingConfig");
    logging.put("LogFormat", "Text");
    logging.put("LogGroup", "/aws/lambda/" + f.name);
    if (withState) {
      c.put("State", "Active");
      c.put("LastUpdateStatus", "Successful");
    }
    return c;
  }

  private static String lastModified(long epochSecond) {
    return LAST_MODIFIED.format(Instant.ofEpochSecond(epochSecond));
  }

  private static String codeSha(FunctionProfile f) {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 4; i++) {
      long h = Rng.hash(f.id, 0xC0DEL, i);
      for (int j = 0; j < 8; j++) {
        bytes[i * 8 + j] = (byte) (h >>> (8 * j));
      }
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String revisionId(FunctionProfile f, long salt) {
    return new UUID(Rng.hash(f.id, salt, 1), Rng.hash(f.id, salt, 2)).toString();
  }

  /**
   * REST-JSON errors: status, {@code x-amzn-ErrorType} and a body with {@code Type} and {@code
   * message}; throttling is 429 {@code TooManyRequestsException} with a {@code Retry-After}.
   */
  static SimResponse error(AwsException e) {
    int status =
        switch (e.kind()) {
          case THROTTLING -> 429;
          case INTERNAL -> 500;
          case NOT_FOUND, UNKNOWN_OPERATION -> 404;
          case ACCESS_DENIED -> 403;
          default -> 400;
        };
    String type =
        switch (e.kind()) {
          case THROTTLING -> "TooManyRequestsException";
          case INTERNAL -> "ServiceException";
          case NOT_FOUND ->
              e.getMessage().startsWith("No Provisioned")
                  ? "ProvisionedConcurrencyConfigNotFoundException"
                  : "ResourceNotFoundException";
          case ACCESS_DENIED -> "AccessDeniedException";
          case UNKNOWN_OPERATION -> "UnknownOperationException";
          default -> "InvalidParameterValueException";
        };
    ObjectNode body = Json.object();
    body.put("Type", e.kind() == AwsException.Kind.INTERNAL ? "Service" : "User");
    body.put("message", e.getMessage());
    Map<String, String> headers;
    if (e.kind() == AwsException.Kind.THROTTLING) {
      body.put("Reason", "CallerRateLimitExceeded");
      headers = Map.of("x-amzn-ErrorType", type, "Retry-After", "1");
    } else {
      headers = Map.of("x-amzn-ErrorType", type);
    }
    return new SimResponse(status, "application/json", headers, Json.bytes(body));
  }
}
