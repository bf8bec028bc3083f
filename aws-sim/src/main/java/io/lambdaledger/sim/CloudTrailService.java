package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * CloudTrail {@code LookupEvents} (JSON 1.1, {@code CloudTrail_20131101.LookupEvents}) over the
 * Lambda management events of the caller's account and the request's Region, newest first: at most
 * one lookup attribute, {@code MaxResults} 1–50 (default 50), {@code NextToken} paging bound to the
 * request's parameters, the last 90 days only, and 2 requests per second per account and Region
 * (beyond that {@code ThrottlingException}, measured in real time).
 */
final class CloudTrailService {

  static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final Duration HORIZON = Duration.ofDays(90);
  static final int MAX_RESULTS = 50;

  /** Requests per second per account and Region. */
  static final int RATE = 2;

  private static final Set<String> ATTRIBUTES =
      Set.of(
          "EventId",
          "EventName",
          "ReadOnly",
          "Username",
          "ResourceType",
          "ResourceName",
          "EventSource",
          "AccessKeyId");

  /** A request CloudTrail rejects, with its own error code. */
  private static final class Rejected extends RuntimeException {
    private final String code;

    Rejected(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private final Workload workload;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, List<CloudTrailEvents.Event>> recent =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<CloudTrailEvents.Event>> e) {
              return size() > 8;
            }
          });

  CloudTrailService(Workload workload, Clock clock, LongSupplier nanoTime) {
    this.workload = workload;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  SimResponse handle(Call call) {
    if (!call.operation().equals("LookupEvents")) {
      throw AwsException.unknownOperation(call.operation());
    }
    if (!buckets
        .computeIfAbsent(call.account() + '|' + call.region(), k -> new TokenBucket(nanoTime))
        .tryTake()) {
      throw AwsException.throttling();
    }
    try {
      return SimResponse.ok(CONTENT_TYPE, Json.bytes(lookupEvents(call, Json.read(call.body()))));
    } catch (Rejected e) {
      return JsonRpcErrors.render(
          AwsException.invalidParameter(e.getMessage()), e.code, CONTENT_TYPE);
    }
  }

  private ObjectNode lookupEvents(Call call, JsonNode input) {
    JsonNode attributes = input.path("LookupAttributes");
    if (attributes.size() > 1) {
      throw new Rejected(
          "InvalidLookupAttributesException",
          "You cannot specify more than one lookup attribute per request.");
    }
    String key = null;
    String value = null;
    if (attributes.size() == 1) {
      key = Json.text(attributes.get(0), "AttributeKey");
      value = Json.text(attributes.get(0), "AttributeValue");
      if (key == null || !ATTRIBUTES.contains(key) || value == null) {
        throw new Rejected(
            "InvalidLookupAttributesException", "Invalid lookup attribute: " + attributes.get(0));
      }
    }
    int maxResults = input.hasNonNull("MaxResults") ? input.get("MaxResults").asInt() : MAX_RESULTS;
    if (maxResults < 1 || maxResults > MAX_RESULTS) {
      throw new Rejected(
          "InvalidMaxResultsException", "MaxResults must be between 1 and " + MAX_RESULTS + ".");
    }
    long now = clock.instant().getEpochSecond();
    long horizon = now - HORIZON.toSeconds();
    long start = Math.max(horizon, seconds(input, "StartTime", horizon));
    long end = Math.min(now, seconds(input, "EndTime", now)) + 1;
    if (input.hasNonNull("StartTime")
        && input.hasNonNull("EndTime")
        && seconds(input, "StartTime", 0) > seconds(input, "EndTime", 0)) {
      throw new Rejected("InvalidTimeRangeException", "StartTime must be before EndTime.");
    }
    String canonical =
        call.account()
            + '|'
            + call.region()
            + '|'
            + key
            + '|'
            + value
            + '|'
            + input.get("StartTime")
            + '|'
            + input.get("EndTime");
    long fingerprint = PageToken.fingerprint(canonical);
    int offset = 0;
    String token = Json.text(input, "NextToken");
    if (token != null && !token.isEmpty()) {
      long[] parts;
      try {
        parts = PageToken.decode(token, 4, fingerprint);
      } catch (AwsException e) {
        throw new Rejected("InvalidNextTokenException", "Invalid NextToken.");
      }
      offset = (int) parts[0];
      start = parts[1];
      end = parts[2];
    }
    List<CloudTrailEvents.Event> events = events(call, key, value, start, end);
    if (offset < 0 || offset > events.size()) {
      throw new Rejected("InvalidNextTokenException", "Invalid NextToken.");
    }
    int to = Math.min(events.size(), offset + maxResults);
    ObjectNode result = Json.object();
    ArrayNode out = result.putArray("Events");
    for (CloudTrailEvents.Event e : events.subList(offset, to)) {
      out.add(summary(e, call.region()));
    }
    if (to < events.size()) {
      result.put("NextToken", PageToken.encode(to, start, end, fingerprint));
    }
    return result;
  }

  private List<CloudTrailEvents.Event> events(
      Call call, String key, String value, long start, long end) {
    String cacheKey =
        call.account() + '|' + call.region() + '|' + key + '|' + value + '|' + start + '|' + end;
    return recent.computeIfAbsent(
        cacheKey,
        k -> {
          List<CloudTrailEvents.Event> selected = new ArrayList<>();
          for (FunctionProfile f : workload.functions(call.account(), call.region())) {
            for (CloudTrailEvents.Event e : CloudTrailEvents.of(f, start, end)) {
              if (matches(e, key, value)) {
                selected.add(e);
              }
            }
          }
          selected.sort(CloudTrailEvents.Event.NEWEST_FIRST);
          return List.copyOf(selected);
        });
  }

  private static boolean matches(CloudTrailEvents.Event e, String key, String value) {
    if (key == null) {
      return true;
    }
    return switch (key) {
      case "EventSource" -> value.equals(CloudTrailEvents.EVENT_SOURCE);
      case "EventName" -> value.equals(e.kind().eventName);
      case "ResourceName" -> value.equals(e.function().name) || value.equals(e.function().arn);
      case "ResourceType" -> value.equals("AWS::Lambda::Function");
      case "ReadOnly" -> value.equals("false");
      case "EventId" -> value.equals(e.eventId());
      default -> false;
    };
  }

  private static ObjectNode summary(CloudTrailEvents.Event e, String region) {
    ObjectNode event = Json.object();
    event.put("EventId", e.eventId());
    event.put("EventName", e.kind().eventName);
    event.put("ReadOnly", "false");
    event.put("AccessKeyId", "ASIASIMULATEDKEY0001");
    event.put("EventTime", e.epochSecond());
    event.put("EventSource", CloudTrailEvents.EVENT_SOURCE);
    event.put("Username", "ci");
    ArrayNode resources = event.putArray("Resources");
    ObjectNode resource = resources.addObject();
    resource.put("ResourceType", "AWS::Lambda::Function");
    resource.put("ResourceName", e.function().name);
    event.put("CloudTrailEvent", Json.string(CloudTrailEvents.record(e, region)));
    return event;
  }

  private static long seconds(JsonNode input, String member, long absent) {
    JsonNode value = input.get(member);
    if (value == null || value.isNull()) {
      return absent;
    }
    return value.isNumber()
        ? value.decimalValue().setScale(0, java.math.RoundingMode.FLOOR).longValue()
        : new BigDecimal(value.asText()).longValue();
  }

  private static final JsonRpcErrors.Codes ERRORS =
      new JsonRpcErrors.Codes(
          "ThrottlingException", "InternalFailure", "InvalidNextTokenException", null);

  static SimResponse error(AwsException e) {
    return JsonRpcErrors.render(e, ERRORS.of(e), CONTENT_TYPE);
  }

  /** {@value #RATE} requests a second, in bursts of at most {@value #RATE}. */
  private static final class TokenBucket {
    private final LongSupplier nanoTime;
    private double tokens = RATE;
    private long last;

    TokenBucket(LongSupplier nanoTime) {
      this.nanoTime = nanoTime;
      this.last = nanoTime.getAsLong();
    }

    synchronized boolean tryTake() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(RATE, tokens + (now - last) * RATE / 1e9);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
