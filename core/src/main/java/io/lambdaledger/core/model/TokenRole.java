package io.lambdaledger.core.model;

import java.util.Locale;

/** What an API token may do. */
public enum TokenRole {
  /** Reads costs, functions, metrics, prices and collections. */
  VIEWER,
  /** Everything a viewer may, and starts collections. */
  ADMIN;

  /** Whether this role includes {@code required}. */
  public boolean allows(TokenRole required) {
    return this == ADMIN || required == VIEWER;
  }

  /** Lower-case name used in configuration ({@code viewer}, {@code admin}). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code viewer} or {@code admin}, case-insensitively.
   *
   * @throws IllegalArgumentException for any other value, naming it
   */
  public static TokenRole fromConfigName(String name) {
    for (TokenRole role : values()) {
      if (role.configName().equalsIgnoreCase(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("Unknown role '" + name + "': expected viewer or admin");
  }
}
