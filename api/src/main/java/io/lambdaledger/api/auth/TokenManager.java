package io.lambdaledger.api.auth;

import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Creating, listing and revoking API tokens, for the {@code tokens} command and {@code
 * /api/v1/tokens} alike. Configured tokens (hashes in the configuration file) are listed but can
 * only be changed in the configuration; stored tokens are created here, and only their SHA-256 is
 * kept. The secret is returned once, by {@link #create}.
 */
public final class TokenManager {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /** What is shown of a token: never its secret or hash. */
  public record TokenView(
      String name,
      String role,
      List<String> accounts,
      String source,
      String status,
      Instant created,
      Instant expires,
      Instant lastUsed,
      Instant revoked) {}

  /** A new token and its secret, which is not kept anywhere. */
  public record Created(TokenView token, String secret) {}

  /** A refused change; {@link Reason} says whose fault it is. */
  public static final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
      BAD_INPUT,
      NOT_FOUND,
      CONFLICT
    }

    private final Reason reason;

    TokenException(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private final TokenSource configured;
  private final TokenStore stored;
  private final Clock clock;

  public TokenManager(TokenSource configured, TokenStore stored, Clock clock) {
    this.configured = Objects.requireNonNull(configured, "configured");
    this.stored = Objects.requireNonNull(stored, "stored");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every token, configured first, valid or not. */
  public List<ApiToken> all() {
    List<ApiToken> all = new ArrayList<>(configured.tokens());
    all.addAll(stored.list());
    return all;
  }

  boolean isConfigured(String name) {
    return configured.tokens().stream().anyMatch(token -> token.name().equals(name));
  }

  /** A stored token authenticated a request now. */
  void used(ApiToken token) {
    if (!isConfigured(token.name())) {
      stored.markUsed(token.name(), clock.instant());
    }
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * Creates a stored token.
   *
   * @param accounts the accounts it may see; empty for every account
   * @param expires an ISO-8601 duration such as {@code P30D} or {@code PT12H}; null for never
   * @throws TokenException for a bad name, role, account or duration, or a name in use
   */
  public Created create(String name, String role, List<String> accounts, String expires) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw badInput(
          "token name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    TokenRole tokenRole;
    try {
      tokenRole = TokenRole.fromConfigName(role == null ? "" : role);
    } catch (IllegalArgumentException e) {
      throw badInput("role must be viewer or admin, not '" + WindowParser.shorten(role) + "'");
    }
    TreeSet<String> accountIds = new TreeSet<>();
    for (String account : accounts == null ? List.<String>of() : accounts) {
      if (account == null || !ACCOUNT.matcher(account.trim()).matches()) {
        throw badInput(
            "each account must be a 12-digit AWS account ID, not '"
                + WindowParser.shorten(String.valueOf(account))
                + "'");
      }
      accountIds.add(account.trim());
    }
    Instant now = clock.instant();
    Instant expiresAt = expires == null || expires.isBlank() ? null : now.plus(duration(expires));
    if (isConfigured(name)) {
      throw conflict("token '" + name + "' is in the configuration (server.tokens)");
    }
    String secret = Tokens.generate();
    ApiToken token =
        new ApiToken(
            name,
            Tokens.sha256Hex(secret),
            tokenRole,
            accountIds.isEmpty() ? AccountScope.all() : AccountScope.only(accountIds),
            now,
            expiresAt,
            null,
            null);
    if (!stored.create(token)) {
      throw conflict(
          "a token named '" + name + "' exists already (revoked tokens keep their name)");
    }
    return new Created(view(token, "stored", now), secret);
  }

  /** Every token, configured and stored, by source then name. */
  public List<TokenView> list() {
    Instant now = clock.instant();
    List<TokenView> views = new ArrayList<>();
    configured.tokens().forEach(token -> views.add(view(token, "configuration", now)));
    stored.list().forEach(token -> views.add(view(token, "stored", now)));
    return views;
  }

  /**
   * Revokes a stored token; revoking it again changes nothing.
   *
   * @throws TokenException if there is no such token or it is a configured one
   */
  public TokenView revoke(String name) {
    if (isConfigured(name)) {
      throw conflict(
          "token '" + name + "' is in the configuration (server.tokens): remove it there");
    }
    if (!stored.revoke(name, clock.instant())) {
      throw new TokenException(
          TokenException.Reason.NOT_FOUND,
          "no token named '" + WindowParser.shorten(String.valueOf(name)) + "'");
    }
    Instant now = clock.instant();
    return stored.list().stream()
        .filter(token -> token.name().equals(name))
        .map(token -> view(token, "stored", now))
        .findFirst()
        .orElseThrow();
  }

  private static Duration duration(String expires) {
    Duration duration;
    try {
      duration = Duration.parse(expires.trim());
    } catch (DateTimeParseException e) {
      throw badInput(
          "expires must be an ISO-8601 duration such as P30D or PT12H, not '"
              + WindowParser.shorten(expires)
              + "'");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw badInput("expires must be a positive duration, not '" + expires + "'");
    }
    return duration;
  }

  private static TokenView view(ApiToken token, String source, Instant now) {
    String status =
        token.revokedAt() != null
            ? "revoked"
            : token.expiresAt() != null && !now.isBefore(token.expiresAt()) ? "expired" : "active";
    return new TokenView(
        token.name(),
        token.role().configName(),
        token.scope().unrestricted()
            ? null
            : List.copyOf(new TreeSet<>(token.scope().accountIds())),
        source,
        status,
        "configuration".equals(source) ? null : token.createdAt(),
        token.expiresAt(),
        token.lastUsedAt(),
        token.revokedAt());
  }

  private static TokenException badInput(String message) {
    return new TokenException(TokenException.Reason.BAD_INPUT, message);
  }

  private static TokenException conflict(String message) {
    return new TokenException(TokenException.Reason.CONFLICT, message);
  }
}
