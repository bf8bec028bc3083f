package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionConfigurationTest {

  @ParameterizedTest(name = "memory {0}, ephemeral {1}, timeout {2}: {3}")
  @CsvSource({
    "127, 512, 3, memoryMb",
    "10241, 512, 3, memoryMb",
    "1024, 511, 3, ephemeralStorageMb",
    "1024, 10241, 3, ephemeralStorageMb",
    "1024, 512, 0, timeoutSeconds",
    "1024, 512, 901, timeoutSeconds"
  })
  void refusesValuesLambdaDoesNotAllow(int memory, int ephemeral, int timeout, String component) {
    assertThatThrownBy(
            () -> new FunctionConfiguration(memory, Architecture.X86_64, ephemeral, timeout))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(component);
  }

  @ParameterizedTest(name = "memory {0}, ephemeral {1}, timeout {2}")
  @CsvSource({"128, 512, 1", "10240, 10240, 900"})
  void acceptsTheLimitsThemselves(int memory, int ephemeral, int timeout) {
    FunctionConfiguration configuration =
        new FunctionConfiguration(memory, Architecture.ARM64, ephemeral, timeout);

    assertThat(configuration.memoryMb()).isEqualTo(memory);
  }

  @Test
  void itsBillingPartLeavesOutTheTimeout() {
    FunctionConfiguration configuration =
        new FunctionConfiguration(1536, Architecture.ARM64, 2048, 30);

    assertThat(configuration.billing())
        .isEqualTo(new BillingConfiguration(1536, Architecture.ARM64, 2048));
  }
}
