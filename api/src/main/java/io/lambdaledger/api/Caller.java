package io.lambdaledger.api;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.TokenRole;

/** Who made a request: the token's name (never the token), its role and its account scope. */
record Caller(String name, TokenRole role, AccountScope scope) {

  static final Caller AUTH_DISABLED =
      new Caller("auth-disabled", TokenRole.ADMIN, AccountScope.all());
}
