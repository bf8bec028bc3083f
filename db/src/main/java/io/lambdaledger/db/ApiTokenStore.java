package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.API_TOKEN;
import static io.lambdaledger.db.jooq.Tables.API_TOKEN_ACCOUNT;
import static org.jooq.impl.DSL.noCondition;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import io.lambdaledger.db.jooq.tables.records.ApiTokenRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** API tokens, stored as hashes only, with their role and the accounts they may see. */
public final class ApiTokenStore {

  private final DSLContext dsl;

  public ApiTokenStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Creates the token or replaces the hash, role and accounts of the token with that name (its
   * creation time is kept). Changing a token's secret therefore revokes the old one.
   *
   * @throws IllegalArgumentException if another token already has this hash
   */
  public void upsert(ApiToken token) {
    write(token, true);
  }

  /**
   * Stores a new token; a token with this name, revoked or not, stays as it is.
   *
   * @return whether it was stored (false: the name is taken)
   * @throws IllegalArgumentException if another token already has this hash
   */
  public boolean create(ApiToken token) {
    return write(token, false);
  }

  private boolean write(ApiToken token, boolean replace) {
    try {
      return dsl.transactionResult(
          tx -> {
            DSLContext t = tx.dsl();
            var insert =
                t.insertInto(
                        API_TOKEN,
                        API_TOKEN.NAME,
                        API_TOKEN.TOKEN_HASH,
                        API_TOKEN.ROLE,
                        API_TOKEN.ALL_ACCOUNTS,
                        API_TOKEN.CREATED_AT,
                        API_TOKEN.EXPIRES_AT)
                    .values(
                        token.name(),
                        token.tokenHash(),
                        token.role().configName(),
                        token.scope().unrestricted(),
                        token.createdAt(),
                        token.expiresAt())
                    .onConflict(API_TOKEN.NAME);
            int written =
                replace
                    ? insert
                        .doUpdate()
                        .set(API_TOKEN.TOKEN_HASH, token.tokenHash())
                        .set(API_TOKEN.ROLE, token.role().configName())
                        .set(API_TOKEN.ALL_ACCOUNTS, token.scope().unrestricted())
                        .set(API_TOKEN.EXPIRES_AT, token.expiresAt())
                        .execute()
                    : insert.doNothing().execute();
            if (written == 0) {
              return false;
            }
            t.deleteFrom(API_TOKEN_ACCOUNT)
                .where(API_TOKEN_ACCOUNT.TOKEN_NAME.eq(token.name()))
                .execute();
            var accounts =
                t.insertInto(
                    API_TOKEN_ACCOUNT, API_TOKEN_ACCOUNT.TOKEN_NAME, API_TOKEN_ACCOUNT.ACCOUNT_ID);
            for (String accountId : new TreeSet<>(token.scope().accountIds())) {
              accounts = accounts.values(token.name(), accountId);
            }
            if (!token.scope().accountIds().isEmpty()) {
              accounts.execute();
            }
            return true;
          });
    } catch (DataAccessException e) {
      if ("23505".equals(e.sqlState())) {
        throw new IllegalArgumentException(
            "Token '" + token.name() + "': another token already has the same secret", e);
      }
      throw e;
    }
  }

  /**
   * Revokes the token with this name at {@code at}; revoking it again keeps the first time.
   *
   * @return whether there is a token with this name
   */
  public boolean revoke(String name, Instant at) {
    dsl.update(API_TOKEN)
        .set(API_TOKEN.REVOKED_AT, at)
        .where(API_TOKEN.NAME.eq(name).and(API_TOKEN.REVOKED_AT.isNull()))
        .execute();
    return dsl.fetchExists(API_TOKEN, API_TOKEN.NAME.eq(name));
  }

  /**
   * Records that the token was used at {@code at}, unless a use less than {@code resolution} before
   * was recorded already: at most one write per token and resolution, however many requests.
   */
  public void markUsed(String name, Instant at, Duration resolution) {
    dsl.update(API_TOKEN)
        .set(API_TOKEN.LAST_USED_AT, at)
        .where(API_TOKEN.NAME.eq(name))
        .and(API_TOKEN.LAST_USED_AT.isNull().or(API_TOKEN.LAST_USED_AT.le(at.minus(resolution))))
        .execute();
  }

  /** The token with this hash. */
  public Optional<ApiToken> findByHash(String tokenHash) {
    return tokens(API_TOKEN.TOKEN_HASH.eq(tokenHash)).stream().findFirst();
  }

  /** Every token, by name. */
  public List<ApiToken> list() {
    return tokens(noCondition());
  }

  /**
   * Deletes the token with this name.
   *
   * @return whether there was one
   */
  public boolean delete(String name) {
    return dsl.transactionResult(
        tx -> {
          tx.dsl()
              .deleteFrom(API_TOKEN_ACCOUNT)
              .where(API_TOKEN_ACCOUNT.TOKEN_NAME.eq(name))
              .execute();
          return tx.dsl().deleteFrom(API_TOKEN).where(API_TOKEN.NAME.eq(name)).execute() > 0;
        });
  }

  private List<ApiToken> tokens(Condition condition) {
    return dsl.selectFrom(API_TOKEN).where(condition).orderBy(API_TOKEN.NAME).fetch().stream()
        .map(this::toToken)
        .toList();
  }

  private ApiToken toToken(ApiTokenRecord row) {
    AccountScope scope =
        row.getAllAccounts()
            ? AccountScope.all()
            : AccountScope.only(
                dsl.select(API_TOKEN_ACCOUNT.ACCOUNT_ID)
                    .from(API_TOKEN_ACCOUNT)
                    .where(API_TOKEN_ACCOUNT.TOKEN_NAME.eq(row.getName()))
                    .fetch(API_TOKEN_ACCOUNT.ACCOUNT_ID));
    return new ApiToken(
        row.getName(),
        row.getTokenHash(),
        TokenRole.fromConfigName(row.getRole()),
        scope,
        row.getCreatedAt(),
        row.getExpiresAt(),
        row.getRevokedAt(),
        row.getLastUsedAt());
  }
}
