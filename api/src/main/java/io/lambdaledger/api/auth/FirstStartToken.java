package io.lambdaledger.api.auth;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A default install is never open: when {@code serve} starts with auth on and no token at all (none
 * configured, none stored), it creates an admin token, prints it once and stores only its hash, the
 * way Jupyter does.
 */
public final class FirstStartToken {

  /** The name the created token is stored under (shown in logs instead of the token). */
  public static final String NAME = "initial-admin";

  private FirstStartToken() {}

  /**
   * Creates the admin token if {@code existing} has none; {@code store} receives the hashed token
   * to persist (for example {@code ApiTokenStore}'s upsert); the plain token is printed to {@code
   * out} and never kept.
   *
   * @return the plain token, present only when one was created
   */
  public static Optional<String> ensureAdminToken(
      TokenSource existing, Consumer<ApiToken> store, PrintStream out, Clock clock) {
    if (!existing.tokens().isEmpty()) {
      return Optional.empty();
    }
    String token = Tokens.generate();
    store.accept(
        new ApiToken(
            NAME, Tokens.sha256Hex(token), TokenRole.ADMIN, AccountScope.all(), clock.instant()));
    out.println("No API token was configured, so Lambda Ledger created an admin token.");
    out.println("It is shown only this once; only its SHA-256 is stored:");
    out.println();
    out.println("    " + token);
    out.println();
    out.println("Use it as: Authorization: Bearer <token>, or paste it into the dashboard.");
    out.flush();
    return Optional.of(token);
  }
}
