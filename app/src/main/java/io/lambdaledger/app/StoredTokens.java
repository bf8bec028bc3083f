package io.lambdaledger.app;

import io.lambdaledger.api.auth.TokenStore;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.db.ApiTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The api's {@link TokenStore} on the database (an adapter of the composition root, like {@code
 * StoredLedger}); the last use of a token is written to the minute.
 */
final class StoredTokens implements TokenStore {

  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final ApiTokenStore store;
  private final Map<String, Instant> lastMarked = new ConcurrentHashMap<>();

  StoredTokens(ApiTokenStore store) {
    this.store = store;
  }

  @Override
  public List<ApiToken> list() {
    return store.list();
  }

  @Override
  public boolean create(ApiToken token) {
    return store.create(token);
  }

  @Override
  public boolean revoke(String name, Instant at) {
    return store.revoke(name, at);
  }

  @Override
  public void markUsed(String name, Instant at) {
    Instant marked = lastMarked.get(name);
    if (marked != null && at.isBefore(marked.plus(LAST_USED_RESOLUTION))) {
      return;
    }
    lastMarked.put(name, at);
    store.markUsed(name, at, LAST_USED_RESOLUTION);
  }
}
