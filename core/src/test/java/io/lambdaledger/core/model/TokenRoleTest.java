package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenRoleTest {

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
    "VIEWER, VIEWER, true",
    "VIEWER, ADMIN, false",
    "ADMIN, VIEWER, true",
    "ADMIN, ADMIN, true"
  })
  void anAdminMayDoWhatAViewerMayButNotTheOtherWayRound(
      TokenRole role, TokenRole required, boolean allowed) {
    assertThat(role.allows(required)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"viewer, VIEWER", "Admin, ADMIN"})
  void parsesConfigurationNames(String name, TokenRole role) {
    assertThat(TokenRole.fromConfigName(name)).isEqualTo(role);
    assertThat(role.configName()).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @CsvSource({"root", "''"})
  void refusesUnknownRoles(String name) {
    assertThatThrownBy(() -> TokenRole.fromConfigName(name))
        .hasMessageContaining("viewer or admin");
  }
}
