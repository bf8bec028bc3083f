package io.lambdaledger.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults for one operation. Rates are probabilities per call; the {@code …Next} counts fail exactly
 * that many following calls (deterministic, for tests), before any rate applies.
 *
 * @param throttle rate of throttling errors (CloudWatch: HTTP 400 {@code Throttling} "Rate
 *     exceeded"; each service answers with its own throttling shape)
 * @param error rate of server errors (HTTP 500 with the service's internal-error shape)
 * @param drop rate of dropped connections (the socket is closed without an answer)
 * @param partialData GetMetricData only: rate at which a returned series is cut short and marked
 *     {@code PartialData}
 * @param latency added to every call of the operation
 * @param throttleNext the next calls to throttle
 * @param errorNext the next calls to fail with a server error
 * @param dropNext the next calls to drop
 * @param refusal every call refused as a real endpoint refuses what it does not allow or offer:
 *     {@link Refusal#DENIED} (HTTP 403 {@code AccessDeniedException}, a missing IAM permission) or
 *     {@link Refusal#UNSUPPORTED} (HTTP 404 with no body, as an emulator lacking the operation
 *     answers)
 */
public record FaultRule(
    double throttle,
    double error,
    double drop,
    double partialData,
    Duration latency,
    int throttleNext,
    int errorNext,
    int dropNext,
    Refusal refusal) {

  /** How every call of an operation is refused, if it is. */
  public enum Refusal {
    NONE,
    DENIED,
    UNSUPPORTED;

    static Refusal parse(String value) {
      return switch (value) {
        case "denied" -> DENIED;
        case "unsupported" -> UNSUPPORTED;
        case "none" -> NONE;
        default ->
            throw new IllegalArgumentException(
                "refuse must be denied, unsupported or none, not '" + value + "'");
      };
    }
  }

  public static final FaultRule NONE =
      new FaultRule(0, 0, 0, 0, Duration.ZERO, 0, 0, 0, Refusal.NONE);

  /** A rule without a refusal. */
  public FaultRule(
      double throttle,
      double error,
      double drop,
      double partialData,
      Duration latency,
      int throttleNext,
      int errorNext,
      int dropNext) {
    this(
        throttle,
        error,
        drop,
        partialData,
        latency,
        throttleNext,
        errorNext,
        dropNext,
        Refusal.NONE);
  }

  public FaultRule {
    requireRate("throttle", throttle);
    requireRate("error", error);
    requireRate("drop", drop);
    requireRate("partialData", partialData);
    if (throttle + error + drop > 1) {
      throw new IllegalArgumentException("throttle + error + drop must not exceed 1");
    }
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(refusal, "refusal");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    if (throttleNext < 0 || errorNext < 0 || dropNext < 0) {
      throw new IllegalArgumentException("fault counts must not be negative");
    }
  }

  private static void requireRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be a rate in [0, 1], was " + rate);
    }
  }

  FaultRule withRefusal(Refusal value) {
    return new FaultRule(
        throttle, error, drop, partialData, latency, throttleNext, errorNext, dropNext, value);
  }

  public boolean none() {
    return equals(NONE);
  }

  FaultRule with(String kind, String value) {
    return switch (kind) {
      case "throttle" ->
          new FaultRule(
              rate(value),
              error,
              drop,
              partialData,
              latency,
              throttleNext,
              errorNext,
              dropNext,
              refusal);
      case "error" ->
          new FaultRule(
              throttle,
              rate(value),
              drop,
              partialData,
              latency,
              throttleNext,
              errorNext,
              dropNext,
              refusal);
      case "drop" ->
          new FaultRule(
              throttle,
              error,
              rate(value),
              partialData,
              latency,
              throttleNext,
              errorNext,
              dropNext,
              refusal);
      case "partial", "partialData" ->
          new FaultRule(
              throttle,
              error,
              drop,
              rate(value),
              latency,
              throttleNext,
              errorNext,
              dropNext,
              refusal);
      case "latency" ->
          new FaultRule(
              throttle,
              error,
              drop,
              partialData,
              duration(value),
              throttleNext,
              errorNext,
              dropNext,
              refusal);
      case "throttleNext" ->
          new FaultRule(
              throttle,
              error,
              drop,
              partialData,
              latency,
              count(value),
              errorNext,
              dropNext,
              refusal);
      case "errorNext" ->
          new FaultRule(
              throttle,
              error,
              drop,
              partialData,
              latency,
              throttleNext,
              count(value),
              dropNext,
              refusal);
      case "dropNext" ->
          new FaultRule(
              throttle,
              error,
              drop,
              partialData,
              latency,
              throttleNext,
              errorNext,
              count(value),
              refusal);
      case "refuse" -> withRefusal(Refusal.parse(value));
      default ->
          throw new IllegalArgumentException(
              "unknown fault '"
                  + kind
                  + "' (throttle, error, drop, partial, latency, throttleNext, errorNext,"
                  + " dropNext, refuse)");
    };
  }

  private static double rate(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a rate: " + value);
    }
  }

  private static int count(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a count: " + value);
    }
  }

  /** {@code 250ms}, {@code 2s}, or a plain number of milliseconds. */
  static Duration duration(String value) {
    String v = value.trim();
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      }
      return Duration.ofMillis(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
  }
}
