package io.lambdaledger.core.model;

import java.util.Locale;

/** Instruction set a function runs on; AWS prices the two differently. */
public enum Architecture {
  X86_64("x86_64"),
  ARM64("arm64");

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** The name AWS uses in the Lambda API ({@code x86_64}, {@code arm64}). */
  public String id() {
    return id;
  }

  /**
   * Parses the AWS name, case-insensitively.
   *
   * @throws IllegalArgumentException for any other value, naming it
   */
  public static Architecture parse(String name) {
    if (name != null) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (Architecture architecture : values()) {
        if (architecture.id.equals(lower)) {
          return architecture;
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown architecture '" + name + "': expected x86_64 or arm64");
  }

  @Override
  public String toString() {
    return id;
  }
}
