package io.lambdaledger.core.pricing;

import java.util.Locale;

/**
 * The instruction set a Lambda function runs on; prices and volume tiers differ per architecture.
 */
public enum Architecture {
  X86_64("x86_64"),
  ARM64("arm64");

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** The name AWS uses in the Lambda API and in our inputs: {@code x86_64} or {@code arm64}. */
  public String id() {
    return id;
  }

  /**
   * Parses {@code x86_64} or {@code arm64} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Architecture parse(String value) {
    if (value != null) {
      String normalized = value.trim().toLowerCase(Locale.ROOT);
      for (Architecture architecture : values()) {
        if (architecture.id.equals(normalized)) {
          return architecture;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown architecture '" + value + "' (expected x86_64 or arm64)");
  }

  @Override
  public String toString() {
    return id;
  }
}
