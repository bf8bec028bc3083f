package io.lambdaledger.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to run an {@link AwsSimulator}. Start from {@link #defaults()} and change what matters with
 * the {@code with…} methods.
 *
 * @param functions total number of functions, spread round-robin over accounts × Regions
 * @param accounts number of accounts; their 12-digit ids derive from the seed, the first one is the
 *     account of any credentials the simulator did not issue
 * @param regions Regions that hold functions (any other Region answers with no functions)
 * @param seed the workload seed: same seed, same estate and same metrics, always
 * @param start first instant with data; {@code null} means the start of the previous month
 *     according to {@code clock}
 * @param lag how long after a minute ends its datapoints become visible in CloudWatch
 * @param faults faults injected from the start (changeable at run time)
 * @param clock the simulator's "now"; tests move it
 * @param bindAddress address to listen on (loopback unless told otherwise)
 * @param port port to listen on; 0 picks a free one
 * @param consolidatedBilling whether all accounts are one AWS Organization (one payer, the first
 *     account); otherwise each account pays for itself
 * @param externalId if set, AssumeRole must present this external id
 * @param savingsCases whether the estate also holds the planted savings cases ({@link
 *     SavingsCases}: over-provisioned memory, x86 functions eligible for arm64, idle provisioned
 *     concurrency, well-sized functions), added after the generated functions so that these stay
 *     exactly as they are
 * @param seasonality nullable: a weekly seasonal multiplier planted on every function's traffic
 *     ({@link Seasonality}); {@code null} (the default) plants none, so the estate stays exactly as
 *     it was
 * @param spike nullable: one cost spike planted on one function ({@link Spike}); {@code null} (the
 *     default) plants none
 */
public record SimulatorSettings(
    int functions,
    int accounts,
    List<String> regions,
    long seed,
    Instant start,
    Duration lag,
    Faults faults,
    Clock clock,
    String bindAddress,
    int port,
    boolean consolidatedBilling,
    String externalId,
    boolean savingsCases,
    Seasonality seasonality,
    Spike spike) {

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  public SimulatorSettings {
    if (functions < 0) {
      throw new IllegalArgumentException("functions must be >= 0, was " + functions);
    }
    if (accounts < 1 || accounts > 1_000) {
      throw new IllegalArgumentException("accounts must be 1..1000, was " + accounts);
    }
    regions = List.copyOf(Objects.requireNonNull(regions, "regions"));
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("regions must not be empty");
    }
    for (String region : regions) {
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException("not a Region name: " + region);
      }
    }
    if (regions.stream().distinct().count() != regions.size()) {
      throw new IllegalArgumentException("regions must be distinct: " + regions);
    }
    Objects.requireNonNull(lag, "lag");
    if (lag.isNegative()) {
      throw new IllegalArgumentException("lag must not be negative, was " + lag);
    }
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
  }

  /**
   * 100 functions, one account, us-east-1, seed 1, data from the start of last month, 3 minutes of
   * lag, no faults, the system clock, 127.0.0.1 on a free port.
   */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        100,
        1,
        List.of("us-east-1"),
        1,
        null,
        Duration.ofMinutes(3),
        Faults.none(),
        Clock.systemUTC(),
        "127.0.0.1",
        0,
        false,
        null,
        false,
        null,
        null);
  }

  /** The first instant with data: {@code start}, or the start of the previous month. */
  public Instant effectiveStart() {
    if (start != null) {
      return start;
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return today.withDayOfMonth(1).minusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public SimulatorSettings withFunctions(int functions) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withAccounts(int accounts) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withRegions(List<String> regions) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withSeed(long seed) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withStart(Instant start) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withLag(Duration lag) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withFaults(Faults faults) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withClock(Clock clock) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withBindAddress(String bindAddress) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withPort(int port) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withConsolidatedBilling(boolean consolidatedBilling) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withExternalId(String externalId) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withSavingsCases(boolean savingsCases) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withSeasonality(Seasonality seasonality) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }

  public SimulatorSettings withSpike(Spike spike) {
    return new SimulatorSettings(
        functions,
        accounts,
        regions,
        seed,
        start,
        lag,
        faults,
        clock,
        bindAddress,
        port,
        consolidatedBilling,
        externalId,
        savingsCases,
        seasonality,
        spike);
  }
}
