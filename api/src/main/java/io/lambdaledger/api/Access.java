package io.lambdaledger.api;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone, any valid token, or an admin token. */
enum Access implements RouteRole {
  PUBLIC,
  VIEWER,
  ADMIN
}
