package io.lambdaledger.core.cost;

import io.lambdaledger.core.model.Architecture;
import java.util.Objects;

/**
 * The usage of one function configuration in one month: the engine's input. A function whose
 * memory, architecture or ephemeral storage changed during the month comes as several lines with
 * the same payer, account, region and function.
 *
 * @param payer the account that pays: the account itself, or the organization's management account
 *     under consolidated billing (free tier and volume tiers are per payer)
 * @param account the account the function belongs to
 * @param region region code, e.g. {@code eu-west-1}
 * @param function function name or ARN (identity only; never priced)
 * @param architecture x86_64 or arm64
 * @param memoryMb configured memory, 128-10,240 MB
 * @param ephemeralStorageMb configured ephemeral storage, 512-10,240 MB
 * @param requests on-demand requests (invocations not served by provisioned concurrency)
 * @param duration billed duration of the on-demand requests
 * @param provisionedConcurrencySeconds configured provisioned concurrency times the seconds it was
 *     enabled, each enabled period rounded up to five minutes (see {@link
 *     #provisionedConcurrencySeconds(int, long)})
 * @param provisionedRequests requests served by provisioned concurrency
 * @param provisionedDuration billed duration of the requests served by provisioned concurrency
 */
public record UsageLine(
    String payer,
    String account,
    String region,
    String function,
    Architecture architecture,
    int memoryMb,
    int ephemeralStorageMb,
    long requests,
    BilledDuration duration,
    long provisionedConcurrencySeconds,
    long provisionedRequests,
    BilledDuration provisionedDuration) {

  public static final int MIN_MEMORY_MB = 128;
  public static final int MAX_MEMORY_MB = 10_240;
  public static final int FREE_EPHEMERAL_STORAGE_MB = 512;
  public static final int MAX_EPHEMERAL_STORAGE_MB = 10_240;

  /** Provisioned concurrency is billed per enabled period rounded up to this many seconds. */
  public static final long PROVISIONED_PERIOD_SECONDS = 300;

  public UsageLine {
    requireText(payer, "payer");
    requireText(account, "account");
    requireText(region, "region");
    requireText(function, "function");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(provisionedDuration, "provisionedDuration");
    if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
      throw new IllegalArgumentException(
          "memoryMb must be 128-10240, was " + memoryMb + " (" + function + ")");
    }
    if (ephemeralStorageMb < FREE_EPHEMERAL_STORAGE_MB
        || ephemeralStorageMb > MAX_EPHEMERAL_STORAGE_MB) {
      throw new IllegalArgumentException(
          "ephemeralStorageMb must be 512-10240, was "
              + ephemeralStorageMb
              + " ("
              + function
              + ")");
    }
    requireNotNegative(requests, "requests", function);
    requireNotNegative(provisionedConcurrencySeconds, "provisionedConcurrencySeconds", function);
    requireNotNegative(provisionedRequests, "provisionedRequests", function);
  }

  /**
   * Concurrency-seconds of one enabled period: {@code concurrency x seconds}, the seconds rounded
   * up to the next five minutes as AWS bills provisioned concurrency.
   */
  public static long provisionedConcurrencySeconds(int concurrency, long enabledSeconds) {
    if (concurrency < 0 || enabledSeconds < 0) {
      throw new IllegalArgumentException("concurrency and seconds must be zero or more");
    }
    long periods = (enabledSeconds + PROVISIONED_PERIOD_SECONDS - 1) / PROVISIONED_PERIOD_SECONDS;
    return Math.multiplyExact((long) concurrency, periods * PROVISIONED_PERIOD_SECONDS);
  }

  /** All requests billed: on-demand plus provisioned. */
  public long totalRequests() {
    return requests + provisionedRequests;
  }

  /** True when some duration is only bounded (CloudWatch sums), not known. */
  public boolean hasDurationBound() {
    return !duration.isExact() || !provisionedDuration.isExact();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requireNotNegative(long value, String name, String function) {
    if (value < 0) {
      throw new IllegalArgumentException(
          name + " must be zero or more, was " + value + " (" + function + ")");
    }
  }

  /** Builds a line; unset usage is zero, memory 128 MB, storage 512 MB, x86_64, payer = account. */
  public static final class Builder {
    private String payer;
    private String account;
    private String region;
    private String function;
    private Architecture architecture = Architecture.X86_64;
    private int memoryMb = MIN_MEMORY_MB;
    private int ephemeralStorageMb = FREE_EPHEMERAL_STORAGE_MB;
    private long requests;
    private BilledDuration duration = BilledDuration.NONE;
    private long provisionedConcurrencySeconds;
    private long provisionedRequests;
    private BilledDuration provisionedDuration = BilledDuration.NONE;

    private Builder() {}

    public Builder payer(String payer) {
      this.payer = payer;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder function(String function) {
      this.function = function;
      return this;
    }

    public Builder architecture(Architecture architecture) {
      this.architecture = architecture;
      return this;
    }

    public Builder memoryMb(int memoryMb) {
      this.memoryMb = memoryMb;
      return this;
    }

    public Builder ephemeralStorageMb(int ephemeralStorageMb) {
      this.ephemeralStorageMb = ephemeralStorageMb;
      return this;
    }

    public Builder requests(long requests) {
      this.requests = requests;
      return this;
    }

    public Builder duration(BilledDuration duration) {
      this.duration = duration;
      return this;
    }

    public Builder provisionedConcurrencySeconds(long concurrencySeconds) {
      this.provisionedConcurrencySeconds = concurrencySeconds;
      return this;
    }

    public Builder provisionedRequests(long provisionedRequests) {
      this.provisionedRequests = provisionedRequests;
      return this;
    }

    public Builder provisionedDuration(BilledDuration provisionedDuration) {
      this.provisionedDuration = provisionedDuration;
      return this;
    }

    public UsageLine build() {
      return new UsageLine(
          payer == null ? account : payer,
          account,
          region,
          function,
          architecture,
          memoryMb,
          ephemeralStorageMb,
          requests,
          duration,
          provisionedConcurrencySeconds,
          provisionedRequests,
          provisionedDuration);
    }
  }
}
