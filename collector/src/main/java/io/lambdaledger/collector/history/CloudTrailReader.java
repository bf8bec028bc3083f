package io.lambdaledger.collector.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Reads Lambda's management events of one account and region from CloudTrail {@code LookupEvents}:
 * the one lookup attribute {@code EventSource=lambda.amazonaws.com}, 50 events a page, each call
 * after a permit of the shard's rate limit (CloudTrail allows 2 per second per account and region);
 * the SDK retries what is throttled anyway.
 */
final class CloudTrailReader {

  static final String EVENT_SOURCE = "lambda.amazonaws.com";
  static final int PAGE_SIZE = 50;

  /** CloudTrail refused the call: the caller lacks {@code cloudtrail:LookupEvents}. */
  static final class Denied extends RuntimeException {
    Denied(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final LookupAttribute LAMBDA =
      LookupAttribute.builder()
          .attributeKey(LookupAttributeKey.EVENT_SOURCE)
          .attributeValue(EVENT_SOURCE)
          .build();

  private final CloudTrailClient client;
  private final Runnable permit;
  private int calls;

  CloudTrailReader(CloudTrailClient client, Runnable permit) {
    this.client = client;
    this.permit = permit;
  }

  /** The billing-relevant events of {@code [from, to)}, oldest first. */
  List<LambdaEvent> read(Instant from, Instant to) {
    List<LambdaEvent> events = new ArrayList<>();
    String token = null;
    do {
      permit.run();
      LookupEventsResponse page;
      try {
        calls++;
        page =
            client.lookupEvents(
                LookupEventsRequest.builder()
                    .lookupAttributes(LAMBDA)
                    .startTime(from)
                    .endTime(to)
                    .maxResults(PAGE_SIZE)
                    .nextToken(token)
                    .build());
      } catch (CloudTrailException e) {
        if (e.statusCode() == 403
            || "AccessDeniedException".equals(e.awsErrorDetails().errorCode())) {
          throw new Denied(
              "CloudTrail LookupEvents: HTTP "
                  + e.statusCode()
                  + " "
                  + e.awsErrorDetails().errorCode(),
              e);
        }
        throw e;
      }
      for (Event event : page.events()) {
        if (event.eventTime() != null
            && !event.eventTime().isBefore(from)
            && event.eventTime().isBefore(to)
            && event.cloudTrailEvent() != null) {
          LambdaEventParser.parse(event.cloudTrailEvent()).ifPresent(events::add);
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    events.sort(Comparator.comparing(LambdaEvent::at));
    return events;
  }

  /** LookupEvents calls made so far. */
  int calls() {
    return calls;
  }
}
