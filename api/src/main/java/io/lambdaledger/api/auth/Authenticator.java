package io.lambdaledger.api.auth;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.core.model.ApiToken;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a presented bearer token against every known token hash. The presented token is hashed and
 * compared with each stored hash in constant time, and the loop never stops early, so the time
 * taken does not say which token (if any) nearly matched.
 */
public final class Authenticator {

  private static final int MAX_TOKEN_LENGTH = 512;
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final boolean enabled;
  private final TokenManager tokens;

  public Authenticator(boolean enabled, TokenManager tokens) {
    this.enabled = enabled;
    this.tokens = tokens;
  }

  /** Only the given tokens, as if configured, at the system clock. */
  public Authenticator(boolean enabled, TokenSource configured) {
    this(enabled, new TokenManager(configured, TokenStore.NONE, java.time.Clock.systemUTC()));
  }

  boolean enabled() {
    return enabled;
  }

  /** The caller behind an {@code Authorization} header value; throws a 401 problem otherwise. */
  public Caller authenticate(String authorizationHeader) {
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
    List<ApiToken> known = tokens.all();
    for (ApiToken token : known) {
      if (MessageDigest.isEqual(presentedHash, hashBytes(token)) && match == null) {
        match = token;
      }
    }
    if (match == null || !match.validAt(tokens.now())) {
      // An expired or revoked token is answered like an unknown one: the answer tells nothing.
      throw ApiProblem.unauthorized("the bearer token is not valid");
    }
    tokens.used(match);
    return new Caller(match.name(), match.role(), match.scope());
  }

  /** A stored hash that is not 64 hex digits never matches (it cannot be a SHA-256). */
  private static byte[] hashBytes(ApiToken token) {
    String hash = token.tokenHash();
    if (hash.length() != 64 || !HEX.matcher(hash).matches()) {
      return new byte[0];
    }
    return HexFormat.of().parseHex(hash);
  }
}
