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
 * @param deny every call is refused with {@code AccessDenied}, as without the IAM permission
 *     ({@code deny=true}, or {@code refuse=denied})
 * @param unsupported every call is answered as an emulator that lacks the operation answers: HTTP
 *     404 with no body and no AWS error code ({@code refuse=unsupported})
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
    boolean deny,
    boolean unsupported) {

  public static final FaultRule NONE =
      new FaultRule(0, 0, 0, 0, Duration.ZERO, 0, 0, 0, false, false);

  public FaultRule {
    requireRate("throttle", throttle);
    requireRate("error", error);
    requireRate("drop", drop);
    requireRate("partialData", partialData);
    if (throttle + error + drop > 1) {
      throw new IllegalArgumentException("throttle + error + drop must not exceed 1");
    }
    Objects.requireNonNull(latency, "latency");
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

  public boolean none() {
    return equals(NONE);
  }

  FaultRule with(String kind, String value) {
    Copy copy = new Copy(this);
    switch (kind) {
      case "throttle" -> copy.throttle = rate(value);
      case "error" -> copy.error = rate(value);
      case "drop" -> copy.drop = rate(value);
      case "partial", "partialData" -> copy.partialData = rate(value);
      case "latency" -> copy.latency = duration(value);
      case "throttleNext" -> copy.throttleNext = count(value);
      case "errorNext" -> copy.errorNext = count(value);
      case "dropNext" -> copy.dropNext = count(value);
      case "deny" -> copy.deny = bool(value);
      case "refuse" -> {
        switch (value) {
          case "denied" -> copy.deny = true;
          case "unsupported" -> copy.unsupported = true;
          default ->
              throw new IllegalArgumentException(
                  "refuse must be denied or unsupported, not '" + value + "'");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "unknown fault '"
                  + kind
                  + "' (throttle, error, drop, partial, latency, throttleNext, errorNext,"
                  + " dropNext, deny, refuse)");
    }
    return copy.build();
  }

  /** The rule as named fields, so that {@link #with} changes one by name. */
  private static final class Copy {
    private double throttle;
    private double error;
    private double drop;
    private double partialData;
    private Duration latency;
    private int throttleNext;
    private int errorNext;
    private int dropNext;
    private boolean deny;
    private boolean unsupported;

    private Copy(FaultRule rule) {
      throttle = rule.throttle;
      error = rule.error;
      drop = rule.drop;
      partialData = rule.partialData;
      latency = rule.latency;
      throttleNext = rule.throttleNext;
      errorNext = rule.errorNext;
      dropNext = rule.dropNext;
      deny = rule.deny;
      unsupported = rule.unsupported;
    }

    private FaultRule build() {
      return new FaultRule(
          throttle,
          error,
          drop,
          partialData,
          latency,
          throttleNext,
          errorNext,
          dropNext,
          deny,
          unsupported);
    }
  }

  private static boolean bool(String value) {
    return switch (value) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new IllegalArgumentException("not true or false: " + value);
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
