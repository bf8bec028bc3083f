package io.lambdaledger.api;

import java.util.Locale;

/** What a bearer token may do: {@code viewer} reads, {@code admin} also starts collections. */
public enum TokenRole {
  VIEWER,
  ADMIN;

  /** Parses {@code viewer} or {@code admin} (any case). */
  public static TokenRole parse(String text) {
    for (TokenRole role : values()) {
      if (role.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException("role must be viewer or admin, got '" + text + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
