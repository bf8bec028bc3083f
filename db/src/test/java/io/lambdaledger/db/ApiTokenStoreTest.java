package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.OTHER_ACCOUNT;
import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;

class ApiTokenStoreTest {

  private static final Instant T0 = t("2026-10-01T10:00:00Z");

  @OnEachDatabase
  void aTokenIsFoundByItsHashWithItsRoleAndAccounts(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      ApiTokenStore store = new ApiTokenStore(db.dsl());
      ApiToken scoped =
          new ApiToken(
              "finance",
              "hash-1",
              TokenRole.VIEWER,
              AccountScope.only(List.of(ACCOUNT, OTHER_ACCOUNT)),
              T0);
      ApiToken admin = new ApiToken("admin", "hash-2", TokenRole.ADMIN, AccountScope.all(), T0);

      store.upsert(scoped);
      store.upsert(admin);

      assertThat(store.findByHash("hash-1")).contains(scoped);
      assertThat(store.findByHash("hash-2")).contains(admin);
      assertThat(store.findByHash("nope")).isEmpty();
      assertThat(store.list()).extracting(ApiToken::name).containsExactly("admin", "finance");
    }
  }

  @OnEachDatabase
  void upsertingByNameReplacesTheSecretRoleAndAccountsAndRevokesTheOldHash(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      ApiTokenStore store = new ApiTokenStore(db.dsl());
      store.upsert(new ApiToken("ci", "old-hash", TokenRole.ADMIN, AccountScope.all(), T0));

      store.upsert(
          new ApiToken(
              "ci",
              "new-hash",
              TokenRole.VIEWER,
              AccountScope.only(List.of(ACCOUNT)),
              T0.plusSeconds(60)));

      assertThat(store.findByHash("old-hash")).isEmpty();
      assertThat(store.findByHash("new-hash"))
          .contains(
              new ApiToken(
                  "ci", "new-hash", TokenRole.VIEWER, AccountScope.only(List.of(ACCOUNT)), T0));
      assertThat(store.delete("ci")).isTrue();
      assertThat(store.delete("ci")).isFalse();
      assertThat(store.list()).isEmpty();
    }
  }

  @OnEachDatabase
  void twoTokensCannotShareASecret(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      ApiTokenStore store = new ApiTokenStore(db.dsl());
      store.upsert(new ApiToken("a", "shared-hash", TokenRole.VIEWER, AccountScope.all(), T0));

      assertThatThrownBy(
              () ->
                  store.upsert(
                      new ApiToken("b", "shared-hash", TokenRole.ADMIN, AccountScope.all(), T0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'b'")
          .hasMessageNotContaining("shared-hash");
      assertThat(store.findByHash("shared-hash").orElseThrow().name()).isEqualTo("a");
    }
  }

  @OnEachDatabase
  void creatingKeepsAnExistingTokenOfThatNameAndStoresTheExpiry(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      ApiTokenStore store = new ApiTokenStore(db.dsl());
      Instant expires = T0.plus(java.time.Duration.ofDays(30));
      ApiToken first =
          new ApiToken(
              "ci", "hash-1", TokenRole.VIEWER, AccountScope.all(), T0, expires, null, null);

      assertThat(store.create(first)).isTrue();
      assertThat(
              store.create(new ApiToken("ci", "hash-2", TokenRole.ADMIN, AccountScope.all(), T0)))
          .isFalse();

      assertThat(store.list()).containsExactly(first);
      assertThat(store.list().getFirst().expiresAt()).isEqualTo(expires);
    }
  }

  @OnEachDatabase
  void revokingKeepsTheTokenListedWithTheFirstRevocationTime(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      ApiTokenStore store = new ApiTokenStore(db.dsl());
      store.create(new ApiToken("ci", "hash-1", TokenRole.VIEWER, AccountScope.all(), T0));

      assertThat(store.revoke("ci", T0.plusSeconds(60))).isTrue();
      assertThat(store.revoke("ci", T0.plusSeconds(120))).isTrue();
      assertThat(store.revoke("nobody", T0)).isFalse();

      ApiToken revoked = store.list().getFirst();
      assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(revoked.validAt(T0.plusSeconds(61))).isFalse();
    }
  }

  @OnEachDatabase
  void lastUseIsWrittenAtMostOncePerResolution(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      ApiTokenStore store = new ApiTokenStore(db.dsl());
      store.create(new ApiToken("ci", "hash-1", TokenRole.VIEWER, AccountScope.all(), T0));
      java.time.Duration minute = java.time.Duration.ofMinutes(1);

      store.markUsed("ci", T0.plusSeconds(10), minute);
      store.markUsed("ci", T0.plusSeconds(40), minute);
      assertThat(store.list().getFirst().lastUsedAt()).isEqualTo(T0.plusSeconds(10));

      store.markUsed("ci", T0.plusSeconds(70), minute);
      assertThat(store.list().getFirst().lastUsedAt()).isEqualTo(T0.plusSeconds(70));
    }
  }
}
