package io.lambdaledger.collector.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.model.Architecture;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code CloudTrailEvent} document of Lambda. Event names carry Lambda's API version
 * ({@code UpdateFunctionConfiguration20150331v2}); the version is ignored, so later API versions
 * are read the same way. Events that do not change billing (aliases, versions, reads) and records
 * that cannot be read are skipped.
 */
final class LambdaEventParser {

  private static final Pattern VERSIONED = Pattern.compile("([A-Za-z]+?)(\\d{8}(v\\d+)?)?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaEventParser() {}

  static Optional<LambdaEvent> parse(String cloudTrailEvent) {
    JsonNode record;
    try {
      record = JSON.readTree(cloudTrailEvent);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (record == null || !record.path("errorCode").isMissingNode()) {
      return Optional.empty(); // a failed call changed nothing
    }
    Matcher name = VERSIONED.matcher(record.path("eventName").asText());
    if (!name.matches()) {
      return Optional.empty();
    }
    LambdaEvent.Kind kind =
        switch (name.group(1)) {
          case "CreateFunction" -> LambdaEvent.Kind.CREATE_FUNCTION;
          case "UpdateFunctionConfiguration", "UpdateFunctionCode" ->
              LambdaEvent.Kind.UPDATE_CONFIGURATION;
          case "DeleteFunction" -> LambdaEvent.Kind.DELETE_FUNCTION;
          case "PutProvisionedConcurrencyConfig" -> LambdaEvent.Kind.PUT_PROVISIONED_CONCURRENCY;
          case "DeleteProvisionedConcurrencyConfig" ->
              LambdaEvent.Kind.DELETE_PROVISIONED_CONCURRENCY;
          default -> null;
        };
    if (kind == null) {
      return Optional.empty();
    }
    Instant at;
    try {
      at = Instant.parse(record.path("eventTime").asText());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
    JsonNode request = record.path("requestParameters");
    JsonNode response = record.path("responseElements");
    String function = functionName(request.path("functionName").asText(null));
    if (function == null) {
      return Optional.empty();
    }
    if (kind == LambdaEvent.Kind.DELETE_FUNCTION && request.hasNonNull("qualifier")) {
      return Optional.empty(); // deleting one version leaves the function
    }
    Set<String> changed = new HashSet<>();
    if (request.has("memorySize")) {
      changed.add("memory");
    }
    if (request.has("architectures")) {
      changed.add("architecture");
    }
    if (request.has("ephemeralStorage")) {
      changed.add("ephemeral");
    }
    if (kind == LambdaEvent.Kind.UPDATE_CONFIGURATION && changed.isEmpty()) {
      return Optional.empty(); // a change that does not touch billing
    }
    return Optional.of(
        new LambdaEvent(
            at,
            kind,
            function,
            integer(response, "memorySize", request),
            architecture(response, request),
            ephemeral(response, request),
            integer(response, "timeout", request),
            changed,
            request.path("qualifier").asText(null),
            request.path("provisionedConcurrentExecutions").asInt(0)));
  }

  /** A name, a partial ARN or a full ARN (with or without a qualifier) → the name. */
  static String functionName(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isBlank()) {
      return null;
    }
    String[] parts = nameOrArn.split(":");
    if (nameOrArn.startsWith("arn:") && parts.length >= 7) {
      return parts[6];
    }
    if (parts.length >= 3 && parts[1].equals("function")) {
      return parts[2];
    }
    return parts[0];
  }

  private static Integer integer(JsonNode response, String field, JsonNode request) {
    JsonNode value = response.hasNonNull(field) ? response.get(field) : request.get(field);
    return value == null || !value.canConvertToInt() ? null : value.asInt();
  }

  private static Architecture architecture(JsonNode response, JsonNode request) {
    JsonNode list =
        response.path("architectures").isArray()
            ? response.path("architectures")
            : request.path("architectures");
    if (!list.isArray() || list.isEmpty()) {
      return null;
    }
    try {
      return Architecture.parse(list.get(0).asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Integer ephemeral(JsonNode response, JsonNode request) {
    JsonNode size = response.path("ephemeralStorage").path("size");
    if (!size.canConvertToInt()) {
      size = request.path("ephemeralStorage").path("size");
    }
    return size.canConvertToInt() ? size.asInt() : null;
  }
}
