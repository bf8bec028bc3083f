package io.lambdaledger.sim;

/**
 * A small deterministic random generator (SplitMix64) that can be re-seeded without allocating.
 * Every random draw of the workload comes from one of these, seeded by a hash of (seed, function,
 * minute), so any minute can be generated on its own, in any order, on any thread.
 *
 * <p>Only {@link StrictMath} is used where a value feeds the workload, so the same seed gives the
 * same numbers on every JVM and platform.
 */
final class Rng {

  private static final long GOLDEN = 0x9e3779b97f4a7c15L;

  /** Standard normal quantiles at (i + 0.5) / 4096, computed once by numeric integration. */
  private static final double[] NORMAL_QUANTILES = normalQuantiles(4096);

  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  void reseed(long seed) {
    this.state = seed;
  }

  /** A well-mixed 64-bit hash of the given values. */
  static long hash(long a, long b) {
    return mix(mix(a + GOLDEN) ^ (b * 0xff51afd7ed558ccdL));
  }

  static long hash(long a, long b, long c) {
    return mix(hash(a, b) ^ (c * 0xc4ceb9fe1a85ec53L) + GOLDEN);
  }

  static long hash(long a, long b, long c, long d) {
    return mix(hash(a, b, c) ^ (d * 0x9e3779b97f4a7c15L) + 0x632be59bd9b4e019L);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return (int) ((nextLong() >>> 33) % bound);
  }

  /** Uniform in [low, high]. */
  int between(int low, int high) {
    return low + nextInt(high - low + 1);
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /** Log-uniform in [low, high). */
  double logUniform(double low, double high) {
    return low * StrictMath.exp(nextDouble() * StrictMath.log(high / low));
  }

  /** A standard normal value, from a 4,096-entry quantile table (tails cut at about ±3.6). */
  double nextGaussian() {
    return NORMAL_QUANTILES[(int) (nextLong() >>> 52)];
  }

  /**
   * A Poisson-distributed count: exact inversion below a mean of 30, the normal approximation
   * (rounded, never negative) above.
   */
  long poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean >= 30) {
      long n = Math.round(mean + StrictMath.sqrt(mean) * nextGaussian());
      return Math.max(0, n);
    }
    double u = nextDouble();
    double p = StrictMath.exp(-mean);
    double cumulative = p;
    long k = 0;
    while (u > cumulative && k < 200) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  private static double[] normalQuantiles(int size) {
    // Integrate the standard normal density on [-8, 8] and read off the quantiles in one pass.
    double[] quantiles = new double[size];
    double step = 1e-4;
    double norm = 1 / StrictMath.sqrt(2 * StrictMath.PI);
    double x = -8;
    double cumulative = 0;
    double previousDensity = norm * StrictMath.exp(-x * x / 2);
    int i = 0;
    while (i < size && x < 8) {
      double nextX = x + step;
      double density = norm * StrictMath.exp(-nextX * nextX / 2);
      double nextCumulative = cumulative + (previousDensity + density) * step / 2;
      while (i < size && nextCumulative >= (i + 0.5) / size) {
        double target = (i + 0.5) / size;
        quantiles[i] = x + step * (target - cumulative) / (nextCumulative - cumulative);
        i++;
      }
      x = nextX;
      cumulative = nextCumulative;
      previousDensity = density;
    }
    while (i < size) {
      quantiles[i] = quantiles[i - 1];
      i++;
    }
    return quantiles;
  }
}
