package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationPeriodTest {

  private static final FunctionConfiguration CONFIG =
      new FunctionConfiguration(512, Architecture.X86_64, 512, 3);

  @ParameterizedTest(name = "[{0}, {1}) covers {2}: {3}")
  @CsvSource({
    "2026-10-01T00:00:00Z, 2026-10-02T00:00:00Z, 2026-10-01T00:00:00Z, true",
    "2026-10-01T00:00:00Z, 2026-10-02T00:00:00Z, 2026-10-01T23:59:59Z, true",
    "2026-10-01T00:00:00Z, 2026-10-02T00:00:00Z, 2026-10-02T00:00:00Z, false",
    "2026-10-01T00:00:00Z, 2026-10-02T00:00:00Z, 2026-09-30T23:59:59Z, false",
    "2026-10-01T00:00:00Z, , 2030-01-01T00:00:00Z, true"
  })
  void coversItsHalfOpenInterval(String from, String to, String at, boolean covered) {
    ConfigurationPeriod period =
        new ConfigurationPeriod(Instant.parse(from), to == null ? null : Instant.parse(to), CONFIG);

    assertThat(period.covers(Instant.parse(at))).isEqualTo(covered);
    assertThat(period.isCurrent()).isEqualTo(to == null);
  }

  @ParameterizedTest
  @CsvSource({
    "2026-10-01T00:00:00Z, 2026-10-01T00:00:00Z",
    "2026-10-02T00:00:00Z, 2026-10-01T00:00:00Z"
  })
  void refusesAnEmptyOrInvertedPeriod(String from, String to) {
    assertThatThrownBy(
            () -> new ConfigurationPeriod(Instant.parse(from), Instant.parse(to), CONFIG))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
