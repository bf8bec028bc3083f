package io.lambdaledger.api.http;

import io.javalin.http.Context;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.TokenRole;

/** Who made a request: the token's name (never the token), its role and its account scope. */
public record Caller(String name, TokenRole role, AccountScope scope) {

  public static final Caller AUTH_DISABLED =
      new Caller("auth-disabled", TokenRole.ADMIN, AccountScope.all());

  private static final String ATTRIBUTE = "ledger.caller";

  /** Remembers the authenticated caller on the request. */
  public void attachTo(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }

  /** The caller of a request that passed authentication (every route but the public ones). */
  public static Caller of(Context ctx) {
    Caller caller = ctx.attribute(ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("route has no caller: is it registered with a role?");
    }
    return caller;
  }
}
