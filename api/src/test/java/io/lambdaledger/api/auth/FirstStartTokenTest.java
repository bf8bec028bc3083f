package io.lambdaledger.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.api.http.Caller;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirstStartTokenTest {

  @Test
  void with_no_token_an_admin_token_is_created_printed_once_and_stored_only_as_its_hash() {
    List<ApiToken> stored = new ArrayList<>();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    Optional<String> token =
        FirstStartToken.ensureAdminToken(
            () -> List.copyOf(stored), stored::add, out, java.time.Clock.systemUTC());

    assertThat(token).isPresent();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(token.get());
    assertThat(stored)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.role()).isEqualTo(TokenRole.ADMIN);
              assertThat(t.scope().unrestricted()).isTrue();
              assertThat(t.tokenHash())
                  .isEqualTo(Tokens.sha256Hex(token.get()))
                  .doesNotContain(token.get());
            });
    Caller caller = new Authenticator(true, () -> stored).authenticate("Bearer " + token.get());
    assertThat(caller.name()).isEqualTo(FirstStartToken.NAME);

    printed.reset();
    assertThat(
            FirstStartToken.ensureAdminToken(
                () -> List.copyOf(stored), stored::add, out, java.time.Clock.systemUTC()))
        .isEmpty();
    assertThat(stored).hasSize(1);
    assertThat(printed.size()).isZero();
  }
}
