package io.lambdaledger.api;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks a presented bearer token against every known token hash. The presented token is hashed and
 * compared with each stored hash in constant time, and the loop never stops early, so the time
 * taken does not say which token (if any) nearly matched.
 */
final class Authenticator {

  private static final int MAX_TOKEN_LENGTH = 512;

  private final boolean enabled;
  private final TokenSource tokens;

  Authenticator(boolean enabled, TokenSource tokens) {
    this.enabled = enabled;
    this.tokens = tokens;
  }

  boolean enabled() {
    return enabled;
  }

  /** The caller behind an {@code Authorization} header value; throws a 401 problem otherwise. */
  Caller authenticate(String authorizationHeader) {
    if (!enabled) {
      return Caller.AUTH_DISABLED;
    }
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw ApiProblem.unauthorized("send a bearer token: Authorization: Bearer <token>");
    }
    String header = authorizationHeader.trim();
    if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiProblem.unauthorized("the Authorization header must use the Bearer scheme");
    }
    String presented = header.substring(7).trim();
    if (presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
      throw ApiProblem.unauthorized("the bearer token is not valid");
    }
    byte[] presentedHash = Tokens.sha256(presented);
    ApiToken match = null;
    List<ApiToken> known = tokens.tokens();
    for (ApiToken token : known) {
      if (MessageDigest.isEqual(presentedHash, token.hashBytes()) && match == null) {
        match = token;
      }
    }
    if (match == null) {
      throw ApiProblem.unauthorized("the bearer token is not valid");
    }
    return new Caller(match.name(), match.role(), match.scope());
  }
}
