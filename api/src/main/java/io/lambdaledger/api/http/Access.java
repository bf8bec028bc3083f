package io.lambdaledger.api.http;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone, any valid token, or an admin token. */
public enum Access implements RouteRole {
  PUBLIC,
  VIEWER,
  ADMIN
}
