package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An API bearer token as stored: never the token itself, only its hash.
 *
 * @param name unique name of the token (the configuration's key for it)
 * @param tokenHash hash of the secret (the API decides the algorithm, for example hex SHA-256)
 */
public record ApiToken(
    String name, String tokenHash, TokenRole role, AccountScope scope, Instant createdAt) {

  public ApiToken {
    FunctionKey.requireText(name, "name");
    FunctionKey.requireText(tokenHash, "tokenHash");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "ApiToken[name=" + name + ", role=" + role + ", scope=" + scope + "]";
  }
}
