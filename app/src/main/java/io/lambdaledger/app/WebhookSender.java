package io.lambdaledger.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.alerting.Alert;
import java.io.IOException;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an alert to a webhook: a JSON object, or a Slack-compatible {@code {"text": ...}}. A round
 * makes up to a given number of requests: a 2xx accepts, a 4xx other than 408 and 429 refuses for
 * good, anything else (5xx, timeout, connection refused) is tried again after the backoff, which
 * doubles each time up to a minute. Which webhooks still need an alert is {@link AlertCycle}'s
 * business.
 */
final class WebhookSender {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the sender waits between attempts: {@code Thread::sleep}, or nothing in tests. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** One configured webhook. */
  record Webhook(String name, URI url, String format) {}

  /** How one webhook took an alert. */
  enum Outcome {
    /** A 2xx. */
    ACCEPTED,
    /** Every attempt failed (5xx, 408, 429, timeout, no connection): worth trying later. */
    FAILED,
    /** A 4xx other than 408 and 429: not worth trying again. */
    REFUSED
  }

  /**
   * @param attempts requests made
   */
  record Result(Outcome outcome, int attempts) {}

  private final HttpClient client;
  private final List<Webhook> webhooks;
  private final int attempts;
  private final Duration backoff;
  private final Duration timeout;
  private final Sleeper sleeper;

  /**
   * @param timeout how long one request may take to be answered (the client's connect timeout is
   *     set apart)
   */
  WebhookSender(
      HttpClient client,
      List<Webhook> webhooks,
      int attempts,
      Duration backoff,
      Duration timeout,
      Sleeper sleeper) {
    this.client = client;
    this.webhooks = List.copyOf(webhooks);
    this.attempts = attempts;
    this.backoff = backoff;
    this.timeout = timeout;
    this.sleeper = sleeper;
  }

  boolean hasWebhooks() {
    return !webhooks.isEmpty();
  }

  List<Webhook> webhooks() {
    return webhooks;
  }

  /** Requests per webhook in an alert's first delivery round. */
  int attempts() {
    return attempts;
  }

  /**
   * The longest one delivery round of one alert can take: every webhook, every attempt timing out,
   * the longest backoff between them.
   */
  Duration longestRound() {
    return timeout.plus(MAX_BACKOFF).multipliedBy((long) attempts * Math.max(1, webhooks.size()));
  }

  /** Sends the alert to one webhook, up to {@code tries} requests with backoff between them. */
  Result send(Webhook webhook, Alert alert, int tries) {
    byte[] body = body(alert, webhook.format());
    Duration wait = backoff;
    int made = 0;
    for (int attempt = 1; attempt <= tries; attempt++) {
      made++;
      Attempt answer = post(webhook, body);
      if (answer == Attempt.ACCEPTED) {
        return new Result(Outcome.ACCEPTED, made);
      }
      if (answer == Attempt.REFUSED) {
        LOG.warn("event=alert-refused webhook={} key={}", webhook.name(), alert.key());
        return new Result(Outcome.REFUSED, made);
      }
      if (attempt < tries) {
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
      }
    }
    LOG.warn("event=alert-not-delivered webhook={} key={}", webhook.name(), alert.key());
    return new Result(Outcome.FAILED, made);
  }

  private enum Attempt {
    ACCEPTED,
    RETRY,
    REFUSED
  }

  private Attempt post(Webhook webhook, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(webhook.url())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "lambda-ledger")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return Attempt.ACCEPTED;
      }
      LOG.info("event=webhook-status webhook={} status={}", webhook.name(), status);
      return status >= 400 && status < 500 && status != 408 && status != 429
          ? Attempt.REFUSED
          : Attempt.RETRY;
    } catch (IOException e) {
      LOG.info("event=webhook-failed webhook={} error={}", webhook.name(), e.toString());
      return Attempt.RETRY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Attempt.RETRY;
    }
  }

  /** The request body of {@code format} {@code json} or {@code slack}. */
  static byte[] body(Alert alert, String format) {
    Map<String, Object> json = new LinkedHashMap<>();
    if ("slack".equals(format)) {
      json.put("text", alert.message());
    } else {
      json.put("key", alert.key());
      json.put("kind", alert.kind().id());
      json.put("account", alert.accountId());
      json.put("subject", alert.subject());
      json.put("period", alert.period());
      json.put("message", alert.message());
      json.put("observed", alert.observed().setScale(2, RoundingMode.HALF_UP).toPlainString());
      json.put("expected", alert.expected().setScale(2, RoundingMode.HALF_UP).toPlainString());
      json.put("currency", "USD");
      json.put("raisedAt", alert.raisedAt().toString());
    }
    try {
      return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
