package io.lambdaledger.api.auth;

import io.lambdaledger.core.model.ApiToken;
import java.time.Instant;
import java.util.List;

/** Where tokens created through the API or the {@code tokens} command live (hashes only). */
public interface TokenStore {

  /** No stored tokens, and none can be created: for a server whose tokens are all configured. */
  TokenStore NONE =
      new TokenStore() {
        @Override
        public List<ApiToken> list() {
          return List.of();
        }

        @Override
        public boolean create(ApiToken token) {
          throw new TokenManager.TokenException(
              TokenManager.TokenException.Reason.CONFLICT, "this server stores no tokens");
        }

        @Override
        public boolean revoke(String name, Instant at) {
          return false;
        }

        @Override
        public void markUsed(String name, Instant at) {}
      };

  /** Every stored token, revoked and expired ones too, by name. */
  List<ApiToken> list();

  /**
   * Stores a new token.
   *
   * @return false if a token of that name exists (revoked or not)
   * @throws IllegalArgumentException if another token has the same hash
   */
  boolean create(ApiToken token);

  /**
   * Revokes the named token (again: no change).
   *
   * @return whether there is a stored token of that name
   */
  boolean revoke(String name, Instant at);

  /** The token authenticated a request at {@code at}; implementations may write this coarsely. */
  void markUsed(String name, Instant at);
}
