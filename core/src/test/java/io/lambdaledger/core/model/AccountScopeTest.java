package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountScopeTest {

  @Test
  void allIncludesEveryAccount() {
    assertThat(AccountScope.all().includes("123456789012")).isTrue();
  }

  @Test
  void aListedScopeIncludesOnlyItsAccounts() {
    AccountScope scope = AccountScope.only(List.of("111111111111"));

    assertThat(scope.includes("111111111111")).isTrue();
    assertThat(scope.includes("222222222222")).isFalse();
  }

  @Test
  void anEmptyListMeansNoAccountNeverAll() {
    assertThat(AccountScope.only(List.of()).includes("111111111111")).isFalse();
  }

  @Test
  void anUnrestrictedScopeCannotAlsoListAccounts() {
    assertThatThrownBy(() -> new AccountScope(true, Set.of("111111111111")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
