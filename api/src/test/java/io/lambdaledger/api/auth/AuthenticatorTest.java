package io.lambdaledger.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  final String adminToken = Tokens.generate();
  final String scopedToken = Tokens.generate();
  final List<ApiToken> known =
      List.of(
          new ApiToken(
              "ops",
              Tokens.sha256Hex(adminToken),
              TokenRole.ADMIN,
              AccountScope.all(),
              java.time.Instant.EPOCH),
          new ApiToken(
              "team-a",
              Tokens.sha256Hex(scopedToken),
              TokenRole.VIEWER,
              AccountScope.only(Set.of("111111111111")),
              java.time.Instant.EPOCH));
  final Authenticator authenticator = new Authenticator(true, () -> known);

  @Test
  void a_known_token_yields_its_name_role_and_scope() {
    Caller caller = authenticator.authenticate("Bearer " + scopedToken);
    assertThat(caller.name()).isEqualTo("team-a");
    assertThat(caller.role()).isEqualTo(TokenRole.VIEWER);
    assertThat(caller.scope().includes("111111111111")).isTrue();
    assertThat(caller.scope().includes("222222222222")).isFalse();
    assertThat(authenticator.authenticate("bearer  " + adminToken).role())
        .isEqualTo(TokenRole.ADMIN);
  }

  @Test
  void missing_malformed_and_unknown_tokens_are_401() {
    for (String header :
        new String[] {
          null,
          "",
          "Basic dXNlcjpwYXNz",
          "Bearer",
          "Bearer ",
          "Bearer " + adminToken + "x",
          "Bearer " + "a".repeat(10_000),
          Tokens.sha256Hex(adminToken)
        }) {
      assertThatThrownBy(() -> authenticator.authenticate(header))
          .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(401));
    }
  }

  @Test
  void the_stored_hash_is_not_itself_a_token() {
    String hash = Tokens.sha256Hex(adminToken);
    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + hash))
        .isInstanceOf(ApiProblem.class);
  }

  @Test
  void with_auth_disabled_every_caller_is_an_unscoped_admin() {
    Caller caller = new Authenticator(false, List::of).authenticate(null);
    assertThat(caller.role()).isEqualTo(TokenRole.ADMIN);
    assertThat(caller.scope().unrestricted()).isTrue();
  }

  @Test
  void generated_tokens_are_unique_and_hash_to_64_hex_digits() {
    String a = Tokens.generate();
    String b = Tokens.generate();
    assertThat(a).isNotEqualTo(b).startsWith("llt_").hasSize(47);
    assertThat(Tokens.sha256Hex("test"))
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }
}
