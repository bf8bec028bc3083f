package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lambda's management events as CloudTrail records them, derived from the same workload that drives
 * the metrics: the creation, each monthly configuration toggle (memory or ephemeral storage through
 * {@code UpdateFunctionConfiguration}, architecture through {@code UpdateFunctionCode}), and the
 * provisioned concurrency put on the {@value LambdaService#PC_ALIAS} alias (a published version and
 * an alias first), deleted and put back around each monthly gap.
 */
final class CloudTrailEvents {

  static final String EVENT_SOURCE = "lambda.amazonaws.com";

  /** What happened; the event names are CloudTrail's, with Lambda's API version suffixes. */
  enum Kind {
    CREATE_FUNCTION("CreateFunction20150331"),
    UPDATE_CONFIGURATION("UpdateFunctionConfiguration20150331v2"),
    UPDATE_CODE("UpdateFunctionCode20150331v2"),
    PUBLISH_VERSION("PublishVersion20150331"),
    CREATE_ALIAS("CreateAlias20150331"),
    UPDATE_ALIAS("UpdateAlias20150331"),
    PUT_PROVISIONED_CONCURRENCY("PutProvisionedConcurrencyConfig"),
    DELETE_PROVISIONED_CONCURRENCY("DeleteProvisionedConcurrencyConfig");

    final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }
  }

  /** One event; its JSON is rendered only when a page is served. */
  record Event(long epochSecond, Kind kind, FunctionProfile function, int version) {

    static final Comparator<Event> NEWEST_FIRST =
        Comparator.comparingLong(Event::epochSecond)
            .reversed()
            .thenComparing(e -> e.function().id)
            .thenComparing(Event::kind, Comparator.reverseOrder());

    String eventId() {
      long h = Rng.hash(function.id, epochSecond, kind.ordinal());
      long l = Rng.mix(h ^ 0x5EEDL);
      return String.format(
          "%08x-%04x-4%03x-8%03x-%012x",
          h >>> 32, h >>> 16 & 0xffff, h >>> 4 & 0xfff, l >>> 52 & 0xfff, l & 0xffffffffffffL);
    }
  }

  private CloudTrailEvents() {}

  /** Events of the function in {@code [from, to)}. */
  static List<Event> of(FunctionProfile f, long from, long to) {
    List<Event> events = new ArrayList<>();
    add(events, f.createdEpochSecond, Kind.CREATE_FUNCTION, f, 0, from, to);
    int first = Months.indexOf(Math.max(from, f.createdEpochSecond));
    int last = Months.indexOf(to);
    if (f.changes) {
      for (int month = first; month <= last; month++) {
        long at = f.changeAt(month);
        if (at <= f.createdEpochSecond) {
          continue;
        }
        FunctionConfig before = f.configAt(at - 1);
        FunctionConfig after = f.configAt(at);
        if (before.memoryMb() != after.memoryMb()
            || before.ephemeralStorageMb() != after.ephemeralStorageMb()) {
          add(events, at, Kind.UPDATE_CONFIGURATION, f, 0, from, to);
        }
        if (!before.architecture().equals(after.architecture())) {
          add(events, at, Kind.UPDATE_CODE, f, 0, from, to);
        }
      }
    }
    if (f.provisionedConcurrency > 0) {
      long since = f.provisionedSince();
      add(events, since - 120, Kind.PUBLISH_VERSION, f, 1, from, to);
      add(events, since - 60, Kind.CREATE_ALIAS, f, 1, from, to);
      add(events, since, Kind.PUT_PROVISIONED_CONCURRENCY, f, 1, from, to);
      if (f.provisionedGaps()) {
        int sinceMonth = Months.indexOf(since);
        for (int month = Math.max(first, sinceMonth); month <= last; month++) {
          long start = f.provisionedGapStart(month);
          long end = f.provisionedGapEnd(month);
          if (start <= since) {
            continue;
          }
          int version = 2 + month - sinceMonth;
          add(events, start, Kind.DELETE_PROVISIONED_CONCURRENCY, f, version - 1, from, to);
          add(events, end - 120, Kind.PUBLISH_VERSION, f, version, from, to);
          add(events, end - 60, Kind.UPDATE_ALIAS, f, version, from, to);
          add(events, end, Kind.PUT_PROVISIONED_CONCURRENCY, f, version, from, to);
        }
      }
    }
    return events;
  }

  /** When the provisioned concurrency allocated at {@code now} was last put. */
  static long provisionedSinceAt(FunctionProfile f, long now) {
    long since = f.provisionedSince();
    if (!f.provisionedGaps()) {
      return since;
    }
    for (int month = Months.indexOf(now); month >= Months.indexOf(since); month--) {
      long end = f.provisionedGapEnd(month);
      if (end <= now && f.provisionedGapStart(month) > since) {
        return end;
      }
    }
    return since;
  }

  private static void add(
      List<Event> events, long at, Kind kind, FunctionProfile f, int version, long from, long to) {
    if (at >= from && at < to) {
      events.add(new Event(at, kind, f, version));
    }
  }

  /** The {@code CloudTrailEvent} document: CloudTrail's record of the call. */
  static ObjectNode record(Event e, String region) {
    FunctionProfile f = e.function();
    ObjectNode record = Json.object();
    record.put("eventVersion", "1.09");
    ObjectNode identity = record.putObject("userIdentity");
    identity.put("type", "AssumedRole");
    identity.put("principalId", "AROASIMULATED:deployer");
    identity.put("arn", "arn:aws:sts::" + f.account + ":assumed-role/deployer/ci");
    identity.put("accountId", f.account);
    record.put("eventTime", Instant.ofEpochSecond(e.epochSecond()).toString());
    record.put("eventSource", EVENT_SOURCE);
    record.put("eventName", e.kind().eventName);
    record.put("awsRegion", region);
    record.put("sourceIPAddress", "cloudformation.amazonaws.com");
    record.put("userAgent", "cloudformation.amazonaws.com");
    ObjectNode request = record.putObject("requestParameters");
    ObjectNode response = record.putObject("responseElements");
    FunctionConfig config = f.configAt(e.epochSecond());
    switch (e.kind()) {
      case CREATE_FUNCTION -> {
        request.put("functionName", f.name);
        if (f.runtime != null) {
          request.put("runtime", f.runtime);
          request.put("handler", f.handler);
        }
        request.put("memorySize", config.memoryMb());
        request.put("timeout", f.timeoutSeconds);
        request.putArray("architectures").add(config.architecture());
        request.putObject("ephemeralStorage").put("size", config.ephemeralStorageMb());
        request.put("packageType", f.packageType);
        configuration(response, f, config, e.epochSecond());
      }
      case UPDATE_CONFIGURATION -> {
        FunctionConfig before = f.configAt(e.epochSecond() - 1);
        request.put("functionName", f.name);
        if (before.memoryMb() != config.memoryMb()) {
          request.put("memorySize", config.memoryMb());
        }
        if (before.ephemeralStorageMb() != config.ephemeralStorageMb()) {
          request.putObject("ephemeralStorage").put("size", config.ephemeralStorageMb());
        }
        configuration(response, f, config, e.epochSecond());
      }
      case UPDATE_CODE -> {
        request.put("functionName", f.name);
        request.putArray("architectures").add(config.architecture());
        request.put("publish", false);
        request.put("dryRun", false);
        configuration(response, f, config, e.epochSecond());
      }
      case PUBLISH_VERSION -> {
        request.put("functionName", f.name);
        configuration(response, f, config, e.epochSecond());
        response.put("version", Integer.toString(e.version()));
        response.put("functionArn", f.arn + ":" + e.version());
      }
      case CREATE_ALIAS, UPDATE_ALIAS -> {
        request.put("functionName", f.name);
        request.put("name", LambdaService.PC_ALIAS);
        request.put("functionVersion", Integer.toString(e.version()));
        response.put("aliasArn", f.arn + ":" + LambdaService.PC_ALIAS);
        response.put("name", LambdaService.PC_ALIAS);
        response.put("functionVersion", Integer.toString(e.version()));
      }
      case PUT_PROVISIONED_CONCURRENCY -> {
        request.put("functionName", f.name);
        request.put("qualifier", LambdaService.PC_ALIAS);
        request.put("provisionedConcurrentExecutions", f.provisionedConcurrency);
        response.put("requestedProvisionedConcurrentExecutions", f.provisionedConcurrency);
        response.put("allocatedProvisionedConcurrentExecutions", 0);
        response.put("availableProvisionedConcurrentExecutions", 0);
        response.put("status", "IN_PROGRESS");
        response.put("lastModified", Instant.ofEpochSecond(e.epochSecond()).toString());
      }
      case DELETE_PROVISIONED_CONCURRENCY -> {
        request.put("functionName", f.name);
        request.put("qualifier", LambdaService.PC_ALIAS);
        record.putNull("responseElements");
      }
    }
    record.put("requestID", e.eventId().replace('4', 'a'));
    record.put("eventID", e.eventId());
    record.put("readOnly", false);
    record.put("eventType", "AwsApiCall");
    record.put("managementEvent", true);
    record.put("recipientAccountId", f.account);
    record.put("eventCategory", "Management");
    return record;
  }

  private static void configuration(
      ObjectNode response, FunctionProfile f, FunctionConfig config, long at) {
    response.put("functionName", f.name);
    response.put("functionArn", f.arn);
    if (f.runtime != null) {
      response.put("runtime", f.runtime);
      response.put("handler", f.handler);
    }
    response.put("codeSize", f.codeSize);
    response.put("timeout", f.timeoutSeconds);
    response.put("memorySize", config.memoryMb());
    response.put("lastModified", Instant.ofEpochSecond(at).toString().replace("Z", ".000+0000"));
    response.put("version", "$LATEST");
    response.put("packageType", f.packageType);
    ArrayNode architectures = response.putArray("architectures");
    architectures.add(config.architecture());
    response.putObject("ephemeralStorage").put("size", config.ephemeralStorageMb());
    response.put("state", "Active");
  }
}
