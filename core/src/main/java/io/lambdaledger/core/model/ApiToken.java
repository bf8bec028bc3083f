package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An API bearer token as stored: never the token itself, only its hash.
 *
 * @param name unique name of the token (the configuration's key for it)
 * @param tokenHash hash of the secret (the API decides the algorithm, for example hex SHA-256)
 * @param expiresAt when it stops being accepted; null for never
 * @param revokedAt when it was revoked; null while it is not
 * @param lastUsedAt when it last authenticated a request (to the minute); null if never
 */
public record ApiToken(
    String name,
    String tokenHash,
    TokenRole role,
    AccountScope scope,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  public ApiToken {
    FunctionKey.requireText(name, "name");
    FunctionKey.requireText(tokenHash, "tokenHash");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A token that never expires, not revoked, never used. */
  public ApiToken(
      String name, String tokenHash, TokenRole role, AccountScope scope, Instant createdAt) {
    this(name, tokenHash, role, scope, createdAt, null, null, null);
  }

  /** Whether the token is accepted at {@code now}: not revoked and not expired. */
  public boolean validAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  @Override
  public String toString() {
    return "ApiToken[name=" + name + ", role=" + role + ", scope=" + scope + "]";
  }
}
