package io.lambdaledger.api;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A bearer token as the server knows it: never the token itself, only its SHA-256 (64 lowercase hex
 * digits), a name for logs, its role and the accounts it may see.
 */
public record ApiToken(String name, String sha256Hex, TokenRole role, AccountScope scope) {

  public ApiToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
    sha256Hex = Objects.requireNonNull(sha256Hex, "sha256Hex").toLowerCase(Locale.ROOT);
    if (!sha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "token '" + name + "': sha256 must be 64 hexadecimal digits");
    }
  }

  byte[] hashBytes() {
    return HexFormat.of().parseHex(sha256Hex);
  }
}
