package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"x86_64, X86_64", "arm64, ARM64", "X86_64, X86_64", "ARM64, ARM64"})
  void parsesTheAwsWireNamesIgnoringCase(String wire, Architecture expected) {
    assertThat(Architecture.parse(wire)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x86", "aarch64", "", "arm 64"})
  void refusesAnyOtherNameAndSaysWhichOnesAreValid(String wire) {
    assertThatThrownBy(() -> Architecture.parse(wire))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + wire + "'")
        .hasMessageContaining("x86_64 or arm64");
  }

  @ParameterizedTest
  @CsvSource({"X86_64, x86_64", "ARM64, arm64"})
  void writesTheAwsWireName(Architecture architecture, String wire) {
    assertThat(architecture.id()).isEqualTo(wire);
    assertThat(architecture).hasToString(wire);
  }
}
