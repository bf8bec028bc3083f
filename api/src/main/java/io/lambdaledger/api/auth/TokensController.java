package io.lambdaledger.api.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.lambdaledger.api.http.Access;
import io.lambdaledger.api.http.ApiPath;
import io.lambdaledger.api.http.ApiProblem;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/tokens}: admins list, create and revoke API tokens. */
public record TokensController(TokenManager tokens) {

  /** The body of {@code POST /api/v1/tokens}. */
  record CreateRequest(String name, String role, List<String> accounts, String expires) {}

  public void register(RoutesConfig routes) {
    routes.get(ApiPath.V1 + "/tokens", this::list, Access.ADMIN);
    routes.post(ApiPath.V1 + "/tokens", this::create, Access.ADMIN);
    routes.delete(ApiPath.V1 + "/tokens/{name}", this::revoke, Access.ADMIN);
  }

  private void list(Context ctx) {
    ctx.json(Map.of("tokens", tokens.list()));
  }

  private void create(Context ctx) {
    if (ctx.body().isBlank()) {
      throw ApiProblem.badRequest("send a JSON body: {\"name\": ..., \"role\": \"viewer\"}");
    }
    CreateRequest request = ctx.bodyAsClass(CreateRequest.class);
    TokenManager.Created created =
        tokens.create(request.name(), request.role(), request.accounts(), request.expires());
    ctx.status(201);
    ctx.header("Cache-Control", "no-store");
    ctx.json(created);
  }

  private void revoke(Context ctx) {
    ctx.json(tokens.revoke(ctx.pathParam("name")));
  }
}
