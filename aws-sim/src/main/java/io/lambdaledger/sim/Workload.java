package io.lambdaledger.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synthetic estate: accounts, Regions and functions generated from a seed, and the per-minute,
 * per-invocation usage model behind every metric and the ground truth.
 *
 * <p>Determinism: a function's profile depends only on (seed, function index); a minute's usage
 * only on (seed, function index, minute). Any window can be computed on its own, in any order.
 */
final class Workload {

  /** Distinct durations drawn per function and minute (every invocation has its own up to 8). */
  static final int DURATION_DRAWS = 8;

  private static final String[] TEAMS = {
    "payments",
    "orders",
    "search",
    "identity",
    "billing",
    "catalog",
    "media",
    "notify",
    "analytics",
    "ingest",
    "shipping",
    "reviews"
  };
  private static final String[] SERVICES = {
    "api",
    "worker",
    "processor",
    "handler",
    "sync",
    "cron",
    "consumer",
    "webhook",
    "resizer",
    "exporter",
    "router",
    "auth"
  };
  private static final String[] RUNTIMES = {
    "python3.13",
    "python3.12",
    "nodejs22.x",
    "nodejs20.x",
    "java21",
    "java17",
    "provided.al2023",
    "dotnet8",
    "ruby3.3"
  };
  private static final int[] MEMORY_SIZES = {
    128, 128, 256, 256, 512, 512, 1024, 1024, 1536, 2048, 3008, 4096, 10240
  };
  private static final int[] EPHEMERAL_SIZES = {1024, 2048, 4096, 10240};
  private static final int[] TIMEOUTS = {3, 6, 10, 15, 30, 60, 120, 300, 900};

  private final long seed;
  private final long startEpochSecond;
  private final List<String> accounts;
  private final List<String> regions;
  private final List<FunctionProfile> functions;
  private final Map<String, List<FunctionProfile>> byAccountRegion;
  private final Map<String, FunctionProfile> byKey;
  private final Seasonality seasonality;
  private final Spike spike;

  Workload(long seed, int functionCount, int accountCount, List<String> regions, long start) {
    this(seed, functionCount, accountCount, regions, start, false, null, null);
  }

  /**
   * @param savingsCases whether {@link SavingsCases} follow the generated functions (their indexes
   *     come after, so the generated ones stay exactly as they are)
   * @param seasonality nullable: multiplies every function's rate ({@link Seasonality})
   * @param spike nullable: multiplies one function's rate for a while ({@link Spike}); its function
   *     must be in the estate
   */
  Workload(
      long seed,
      int functionCount,
      int accountCount,
      List<String> regions,
      long start,
      boolean savingsCases,
      Seasonality seasonality,
      Spike spike) {
    this.seed = seed;
    this.seasonality = seasonality;
    this.spike = spike;
    this.startEpochSecond = start;
    this.regions = List.copyOf(regions);
    this.accounts = accountIds(seed, accountCount);
    List<FunctionProfile> generated = new ArrayList<>(functionCount);
    for (int i = 0; i < functionCount; i++) {
      generated.add(generate(i));
    }
    if (savingsCases) {
      generated.addAll(
          SavingsCases.profiles(functionCount, accounts.get(0), this.regions.get(0), start));
    }
    this.functions = List.copyOf(generated);
    Map<String, List<FunctionProfile>> grouped = new HashMap<>();
    Map<String, FunctionProfile> keyed = new HashMap<>();
    for (FunctionProfile f : functions) {
      grouped.computeIfAbsent(slotKey(f.account, f.region), k -> new ArrayList<>()).add(f);
      keyed.put(functionKey(f.account, f.region, f.name), f);
    }
    grouped.replaceAll(
        (k, list) -> {
          list.sort(Comparator.comparing(f -> f.name));
          return List.copyOf(list);
        });
    this.byAccountRegion = Map.copyOf(grouped);
    this.byKey = Map.copyOf(keyed);
    if (spike != null && functions.stream().noneMatch(f -> f.name.equals(spike.function()))) {
      throw new IllegalArgumentException("the spike's function is not in the estate: " + spike);
    }
  }

  /** The planted seasonal pattern, or {@code null}. */
  Seasonality seasonality() {
    return seasonality;
  }

  /** The planted spike, or {@code null}. */
  Spike spike() {
    return spike;
  }

  long seed() {
    return seed;
  }

  long startEpochSecond() {
    return startEpochSecond;
  }

  List<String> accounts() {
    return accounts;
  }

  List<String> regions() {
    return regions;
  }

  List<FunctionProfile> functions() {
    return functions;
  }

  /** Functions of one account and Region, sorted by name (the order Lambda lists them in). */
  List<FunctionProfile> functions(String account, String region) {
    return byAccountRegion.getOrDefault(slotKey(account, region), List.of());
  }

  FunctionProfile function(String account, String region, String name) {
    return byKey.get(functionKey(account, region, name));
  }

  private static String slotKey(String account, String region) {
    return account + '/' + region;
  }

  private static String functionKey(String account, String region, String name) {
    return account + '/' + region + '/' + name;
  }

  /** Twelve-digit account ids derived from the seed; the first one is the caller's own. */
  static List<String> accountIds(long seed, int count) {
    Set<String> ids = new LinkedHashSet<>();
    long i = 0;
    while (ids.size() < count) {
      long value = 100_000_000_000L + Math.floorMod(Rng.hash(seed, 0xACC0L, i++), 900_000_000_000L);
      ids.add(Long.toString(value));
    }
    return List.copyOf(ids);
  }

  private FunctionProfile generate(int index) {
    Rng rng = new Rng(Rng.hash(seed, 0xF00DL, index));
    FunctionProfile.Builder b = new FunctionProfile.Builder();
    int slots = accounts.size() * regions.size();
    int slot = index % slots;
    b.id = index;
    b.account = accounts.get(slot / regions.size());
    b.region = regions.get(slot % regions.size());
    String team = TEAMS[rng.nextInt(TEAMS.length)];
    String service = SERVICES[rng.nextInt(SERVICES.length)];
    b.name = String.format("%s-%s-%05d", team, service, index);

    double patternDraw = rng.nextDouble();
    b.pattern =
        patternDraw < 0.35
            ? TrafficPattern.IDLE
            : patternDraw < 0.55
                ? TrafficPattern.STEADY
                : patternDraw < 0.85 ? TrafficPattern.DIURNAL : TrafficPattern.BURSTY;
    b.baseRate = rng.logUniform(0.02, 600);
    b.diurnalPhase = rng.nextDouble();
    b.burstFactor = rng.logUniform(5, 40);

    b.medianMicrosAt1024 = rng.logUniform(3_000, 3_000_000);
    b.sigma = 0.15 + 0.7 * rng.nextDouble();
    int timeout = TIMEOUTS[rng.nextInt(TIMEOUTS.length)];
    while (timeout * 1_000_000.0 < 12 * b.medianMicrosAt1024 && timeout < 900) {
      timeout = nextTimeout(timeout);
    }
    b.timeoutSeconds = timeout;

    double errorDraw = rng.nextDouble();
    b.errorRate =
        errorDraw < 0.7
            ? rng.logUniform(0.0001, 0.005)
            : errorDraw < 0.95 ? rng.logUniform(0.005, 0.05) : rng.logUniform(0.05, 0.3);
    b.throttleRate = rng.chance(0.2) ? rng.logUniform(0.001, 0.05) : 0;
    b.stream = rng.chance(0.15);
    b.iteratorAgeBaseMs = rng.logUniform(20, 60_000);
    b.async = !b.stream && rng.chance(0.4);
    b.deadLetterQueue = b.async && rng.chance(0.5);
    b.deadLetterFailureRate = rng.logUniform(0.01, 0.3);

    int memory =
        rng.chance(0.1) ? rng.between(128, 10_240) : MEMORY_SIZES[rng.nextInt(MEMORY_SIZES.length)];
    String architecture = rng.chance(0.35) ? FunctionConfig.ARM64 : FunctionConfig.X86_64;
    int ephemeral = rng.chance(0.85) ? 512 : EPHEMERAL_SIZES[rng.nextInt(EPHEMERAL_SIZES.length)];
    b.configA = new FunctionConfig(memory, architecture, ephemeral);
    boolean changes = b.pattern != TrafficPattern.IDLE && rng.chance(0.12);
    if (changes) {
      b.configB =
          rng.chance(0.5)
              ? new FunctionConfig(
                  memory >= 5_120 ? memory / 2 : Math.min(10_240, memory * 2),
                  architecture,
                  ephemeral)
              : new FunctionConfig(
                  memory,
                  b.configA.arm() ? FunctionConfig.X86_64 : FunctionConfig.ARM64,
                  ephemeral);
      b.changeDay = rng.between(5, 25);
      b.changeHour = rng.between(0, 23);
    }
    b.provisionedConcurrency =
        b.pattern != TrafficPattern.IDLE && b.pattern != TrafficPattern.BURSTY && rng.chance(0.08)
            ? rng.between(1, 20)
            : 0;
    provisionedGaps(b, index);

    boolean image = rng.chance(0.08);
    b.packageType = image ? "Image" : "Zip";
    b.runtime = image ? null : RUNTIMES[rng.nextInt(RUNTIMES.length)];
    b.handler = image ? null : handlerFor(b.runtime);
    b.codeSize = image ? 0 : rng.between(1_024, 50_000_000);
    b.createdEpochSecond = startEpochSecond - 86_400L * rng.between(40, 900);

    if (rng.chance(0.9)) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("team", team);
      double env = rng.nextDouble();
      tags.put("env", env < 0.5 ? "prod" : env < 0.75 ? "staging" : "dev");
      if (rng.chance(0.5)) {
        tags.put("service", team + "-" + service);
      }
      b.tags = Collections.unmodifiableMap(tags);
    }
    coldStarts(b, index);
    memoryUsed(b, index);
    return b.build();
  }

  /**
   * What an invocation uses of its memory (REPORT's "Max Memory Used"), from its own random stream:
   * 30 % to 95 % of the first configuration's memory, at least 40 MB.
   */
  private void memoryUsed(FunctionProfile.Builder b, int index) {
    Rng rng = new Rng(Rng.hash(seed, 0x4E40L, index));
    double share = 0.3 + 0.65 * rng.nextDouble();
    b.memoryUsedMb = (int) Math.max(40, Math.round(b.configA.memoryMb() * share));
  }

  /**
   * INIT from its own random stream (so the rest of the estate stays as it was): busy functions
   * reuse warm environments, so their cold-start share is small (under 1 %); rarely invoked ones
   * start cold most of the time. The median INIT duration depends on the runtime.
   */
  private void coldStarts(FunctionProfile.Builder b, int index) {
    Rng rng = new Rng(Rng.hash(seed, 0x1417L, index));
    b.coldStartRate = Math.min(0.6, 0.003 + 0.3 / (1 + b.baseRate)) * (0.5 + rng.nextDouble());
    b.initMedianMicros = initMedianMicros(b.packageType, b.runtime) * rng.logUniform(0.6, 1.6);
  }

  private static double initMedianMicros(String packageType, String runtime) {
    if (packageType.equals("Image")) {
      return 700_000;
    }
    if (runtime.startsWith("java")) {
      return 1_600_000;
    }
    if (runtime.startsWith("dotnet")) {
      return 800_000;
    }
    if (runtime.startsWith("provided")) {
      return 60_000;
    }
    if (runtime.startsWith("ruby")) {
      return 250_000;
    }
    return runtime.startsWith("python") ? 220_000 : 180_000;
  }

  /** Longest INIT Lambda allows before it gives up on the environment. */
  private static final long MAX_INIT_MICROS = 10_000_000;

  /**
   * Half of the functions with provisioned concurrency have it deleted once a month for 6 hours to
   * 4 days and put back (drawn from their own stream, so every other draw stays as it was).
   */
  private void provisionedGaps(FunctionProfile.Builder b, int index) {
    Rng rng = new Rng(Rng.hash(seed, 0xC7A1L, index));
    if (b.provisionedConcurrency > 0 && rng.chance(0.5)) {
      b.pcGapDay = rng.between(3, 24);
      b.pcGapHour = rng.between(0, 23);
      b.pcGapHours = rng.between(6, 96);
    }
  }

  private static int nextTimeout(int timeout) {
    for (int t : TIMEOUTS) {
      if (t > timeout) {
        return t;
      }
    }
    return 900;
  }

  private static String handlerFor(String runtime) {
    if (runtime.startsWith("java")) {
      return "com.example.Handler::handleRequest";
    }
    if (runtime.startsWith("dotnet")) {
      return "Function::Function.Handler::FunctionHandler";
    }
    if (runtime.startsWith("provided")) {
      return "bootstrap";
    }
    return runtime.startsWith("python") ? "app.handler" : "index.handler";
  }

  /**
   * Fills {@code out} with what the function did in the minute starting at {@code minute} × 60
   * epoch seconds. Minutes before the workload start have no activity.
   */
  void fill(FunctionProfile f, long minute, Rng rng, Minute out) {
    out.reset();
    int configIndex = f.configIndexAt(minute * 60);
    out.configIndex = configIndex;
    if (f.idle() || minute * 60 < startEpochSecond) {
      return;
    }
    rng.reseed(Rng.hash(seed, f.id, minute));
    double mean = f.baseRate * patternFactor(f, minute);
    if (seasonality != null) {
      mean *= seasonality.factorAt(minute);
    }
    if (spike != null && spike.covers(f.name, minute)) {
      mean *= spike.factor();
    }
    long n = rng.poisson(mean);
    if (n == 0) {
      return;
    }
    if (f.throttleRate > 0) {
      out.throttles = rng.poisson(n * f.throttleRate);
    }
    out.invocations = n;
    int draws = (int) Math.min(n, DURATION_DRAWS);
    long perDraw = n / draws;
    long remainder = n % draws;
    double median = f.medianMicros[configIndex];
    long timeout = f.timeoutMicros();
    int provisionedNow = f.provisionedAt(minute * 60);
    long provisionedCapacity = provisionedNow * 60_000_000L;
    double backlog = f.stream ? iteratorBacklog(f, minute) : 0;
    long lastOnDemandMicros = 0;
    for (int j = 0; j < draws; j++) {
      long count = perDraw + (j < remainder ? 1 : 0);
      long micros = Math.round(median * StrictMath.exp(f.sigma * rng.nextGaussian()));
      micros = Math.max(1, Math.min(timeout, micros));
      long billed = (micros + 999) / 1000;
      out.durationMicros += count * micros;
      out.billedMs += count * billed;
      out.minDurationMicros = Math.min(out.minDurationMicros, micros);
      out.maxDurationMicros = Math.max(out.maxDurationMicros, micros);
      if (f.stream) {
        long age =
            Math.round(f.iteratorAgeBaseMs * backlog * StrictMath.exp(0.5 * rng.nextGaussian()));
        out.iteratorAgeSumMs += count * age;
        out.minIteratorAgeMs = Math.min(out.minIteratorAgeMs, age);
        out.maxIteratorAgeMs = Math.max(out.maxIteratorAgeMs, age);
      }
      if (provisionedCapacity > 0) {
        long onProvisioned = Math.min(count, provisionedCapacity / micros);
        provisionedCapacity -= onProvisioned * micros;
        out.provisionedInvocations += onProvisioned;
        out.provisionedBilledMs += onProvisioned * billed;
        if (onProvisioned < count) {
          lastOnDemandMicros = micros;
        }
      } else {
        lastOnDemandMicros = micros;
      }
    }
    out.errors = Math.min(n, rng.poisson(n * f.errorRate));
    if (f.deadLetterQueue && out.errors > 0) {
      out.deadLetterErrors =
          Math.min(out.errors, rng.poisson(out.errors * f.deadLetterFailureRate));
    }
    // Peak concurrency in the minute: busy time over the minute, with 30 % headroom for peaks.
    long concurrency = Math.max(1, (out.durationMicros * 13 + 599_999_999L) / 600_000_000L);
    out.concurrencySamples = 1;
    out.concurrencySum = concurrency;
    out.minConcurrency = concurrency;
    out.maxConcurrency = concurrency;
    if (provisionedNow > 0) {
      long provisioned = Math.min(provisionedNow, concurrency);
      out.provisionedExecutionsSum = provisioned;
      out.minProvisionedExecutions = provisioned;
      out.maxProvisionedExecutions = provisioned;
    }
    coldStarts(f, minute, rng, out, lastOnDemandMicros);
  }

  /**
   * Cold starts among the minute's on-demand invocations, drawn from a stream of their own (the
   * other numbers of the minute stay as they were). Each cold start runs INIT of one draw around
   * the function's median before an invocation of the minute's last on-demand duration; INIT is not
   * in CloudWatch's Duration, and billed per {@link FunctionProfile#initBilledAt}.
   */
  private void coldStarts(
      FunctionProfile f, long minute, Rng rng, Minute out, long onDemandMicros) {
    long onDemand = out.invocations - out.provisionedInvocations;
    if (onDemand <= 0) {
      return;
    }
    rng.reseed(Rng.hash(seed, f.id, minute, 0x1417L));
    long cold = Math.min(onDemand, rng.poisson(onDemand * f.coldStartRate));
    if (cold == 0) {
      return;
    }
    long init = Math.round(f.initMedianMicros * StrictMath.exp(0.3 * rng.nextGaussian()));
    init = Math.max(1_000, Math.min(MAX_INIT_MICROS, init));
    out.coldStarts = cold;
    out.initMicros = cold * init;
    if (f.initBilledAt(minute * 60)) {
      long withInit = (onDemandMicros + init + 999) / 1000;
      long without = (onDemandMicros + 999) / 1000;
      out.initBilledMs = cold * (withInit - without);
    }
  }

  /** Rate multiplier of the function's traffic pattern in the minute. */
  double patternFactor(FunctionProfile f, long minute) {
    switch (f.pattern) {
      case STEADY:
        return 1;
      case DIURNAL:
        {
          double dayFraction = Math.floorMod(minute, 1440) / 1440.0;
          double wave =
              (1 + StrictMath.sin(2 * StrictMath.PI * (dayFraction + f.diurnalPhase))) / 2;
          long dayOfWeek = Math.floorMod(Math.floorDiv(minute, 1440) + 3, 7); // 0 = Monday
          return (0.1 + 0.9 * wave) * (dayOfWeek >= 5 ? 0.5 : 1);
        }
      case BURSTY:
        {
          long hour = Math.floorDiv(minute, 60);
          long h = Rng.hash(seed, f.id, hour, 0xB0B0L);
          boolean burstHour = (h & 0xffff) < 0.2 * 0x10000;
          long burstStart = (h >>> 16) % 60;
          long burstLength = 3 + (h >>> 24) % 18;
          long minuteOfHour = Math.floorMod(minute, 60);
          boolean inBurst =
              burstHour && minuteOfHour >= burstStart && minuteOfHour < burstStart + burstLength;
          return inBurst ? f.burstFactor : 0.05;
        }
      default:
        return 0;
    }
  }

  /** Stream consumers fall behind in about one hour out of ten (iterator age up to 30x). */
  private double iteratorBacklog(FunctionProfile f, long minute) {
    long h = Rng.hash(seed, f.id, Math.floorDiv(minute, 60), 0x17E4L);
    return (h & 0xff) < 26 ? 1 + (h >>> 8) % 30 : 1;
  }
}
