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
    Copy copy = new Copy(this);
    copy.functions = functions;
    return copy.build();
  }

  public SimulatorSettings withAccounts(int accounts) {
    Copy copy = new Copy(this);
    copy.accounts = accounts;
    return copy.build();
  }

  public SimulatorSettings withRegions(List<String> regions) {
    Copy copy = new Copy(this);
    copy.regions = regions;
    return copy.build();
  }

  public SimulatorSettings withSeed(long seed) {
    Copy copy = new Copy(this);
    copy.seed = seed;
    return copy.build();
  }

  public SimulatorSettings withStart(Instant start) {
    Copy copy = new Copy(this);
    copy.start = start;
    return copy.build();
  }

  public SimulatorSettings withLag(Duration lag) {
    Copy copy = new Copy(this);
    copy.lag = lag;
    return copy.build();
  }

  public SimulatorSettings withFaults(Faults faults) {
    Copy copy = new Copy(this);
    copy.faults = faults;
    return copy.build();
  }

  public SimulatorSettings withClock(Clock clock) {
    Copy copy = new Copy(this);
    copy.clock = clock;
    return copy.build();
  }

  public SimulatorSettings withBindAddress(String bindAddress) {
    Copy copy = new Copy(this);
    copy.bindAddress = bindAddress;
    return copy.build();
  }

  public SimulatorSettings withPort(int port) {
    Copy copy = new Copy(this);
    copy.port = port;
    return copy.build();
  }

  public SimulatorSettings withConsolidatedBilling(boolean consolidatedBilling) {
    Copy copy = new Copy(this);
    copy.consolidatedBilling = consolidatedBilling;
    return copy.build();
  }

  public SimulatorSettings withExternalId(String externalId) {
    Copy copy = new Copy(this);
    copy.externalId = externalId;
    return copy.build();
  }

  public SimulatorSettings withSavingsCases(boolean savingsCases) {
    Copy copy = new Copy(this);
    copy.savingsCases = savingsCases;
    return copy.build();
  }

  public SimulatorSettings withSeasonality(Seasonality seasonality) {
    Copy copy = new Copy(this);
    copy.seasonality = seasonality;
    return copy.build();
  }

  public SimulatorSettings withSpike(Spike spike) {
    Copy copy = new Copy(this);
    copy.spike = spike;
    return copy.build();
  }

  /** A mutable copy, so that each wither names the one component it changes. */
  private static final class Copy {
    private int functions;
    private int accounts;
    private List<String> regions;
    private long seed;
    private Instant start;
    private Duration lag;
    private Faults faults;
    private Clock clock;
    private String bindAddress;
    private int port;
    private boolean consolidatedBilling;
    private String externalId;
    private boolean savingsCases;
    private Seasonality seasonality;
    private Spike spike;

    private Copy(SimulatorSettings settings) {
      functions = settings.functions;
      accounts = settings.accounts;
      regions = settings.regions;
      seed = settings.seed;
      start = settings.start;
      lag = settings.lag;
      faults = settings.faults;
      clock = settings.clock;
      bindAddress = settings.bindAddress;
      port = settings.port;
      consolidatedBilling = settings.consolidatedBilling;
      externalId = settings.externalId;
      savingsCases = settings.savingsCases;
      seasonality = settings.seasonality;
      spike = settings.spike;
    }

    private SimulatorSettings build() {
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
}
