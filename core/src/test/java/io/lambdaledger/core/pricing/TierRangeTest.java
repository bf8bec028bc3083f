package io.lambdaledger.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierRangeTest {

  @ParameterizedTest(name = "{2} GB-s leave {3} in {0}-{1}")
  @CsvSource({
    "0, 6000000000, 0, 0",
    "0, 6000000000, 5, 5",
    "0, 6000000000, 6000000000, 6000000000",
    "0, 6000000000, 9000000000, 6000000000",
    "6000000000, 15000000000, 5999999999, 0",
    "6000000000, 15000000000, 6000000000, 0",
    "6000000000, 15000000000, 6000000000.5, 0.5",
    "6000000000, 15000000000, 20000000000, 9000000000",
    "15000000000, Inf, 20000000000, 5000000000",
    "15000000000, Inf, 100, 0"
  })
  void aRangeHoldsTheUsageBetweenItsBounds(
      String begin, String end, String quantity, String expected) {
    TierRange range = TierRange.parse(begin, end);

    assertThat(range.portionOf(new BigDecimal(quantity))).isEqualByComparingTo(expected);
  }

  @Test
  void infIsUnboundedAndRendersBackAsInf() {
    TierRange range = TierRange.parse("18750000000", "Inf");

    assertThat(range.isUnbounded()).isTrue();
    assertThat(range.endText()).isEqualTo("Inf");
    assertThat(range.beginText()).isEqualTo("18750000000");
  }

  @Test
  void anEmptyOrInvertedRangeIsRejected() {
    assertThatThrownBy(() -> TierRange.parse("10", "10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endRange");
    assertThatThrownBy(() -> TierRange.parse("-1", "Inf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beginRange");
  }
}
