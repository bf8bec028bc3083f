package io.lambdaledger.api.auth;

import io.lambdaledger.core.model.ApiToken;
import java.util.List;

/**
 * The tokens the API accepts (from the configuration and the database). Called on every
 * authenticated request; implementations may cache.
 */
@FunctionalInterface
public interface TokenSource {
  List<ApiToken> tokens();
}
