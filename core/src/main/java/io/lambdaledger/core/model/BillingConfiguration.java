package io.lambdaledger.core.model;

import java.util.Objects;

/**
 * The part of a function's configuration that determines its price: memory, architecture and
 * ephemeral storage. Usage is rolled up per billing configuration, so that a mid-month memory
 * change is priced with the right memory on each side of the change.
 */
public record BillingConfiguration(
    int memoryMb, Architecture architecture, int ephemeralStorageMb) {

  /** Lambda's memory range in MB (1 MB steps). */
  public static final int MIN_MEMORY_MB = 128;

  public static final int MAX_MEMORY_MB = 10_240;

  /** Ephemeral storage range in MB; the first 512 MB are free. */
  public static final int MIN_EPHEMERAL_MB = 512;

  public static final int MAX_EPHEMERAL_MB = 10_240;

  public BillingConfiguration {
    Objects.requireNonNull(architecture, "architecture");
    if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
      throw new IllegalArgumentException("memoryMb must be within 128..10240, was " + memoryMb);
    }
    if (ephemeralStorageMb < MIN_EPHEMERAL_MB || ephemeralStorageMb > MAX_EPHEMERAL_MB) {
      throw new IllegalArgumentException(
          "ephemeralStorageMb must be within 512..10240, was " + ephemeralStorageMb);
    }
  }
}
