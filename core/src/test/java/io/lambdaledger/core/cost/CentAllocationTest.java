package io.lambdaledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CentAllocationTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "thirds: the first line takes the odd cent",
            "0.3333333,0.3333333,0.3333334",
            "1.00",
            "0.33,0.33,0.34"),
        Arguments.of("equal remainders go to the earlier line", "0.005,0.005", "0.01", "0.01,0.00"),
        Arguments.of("largest remainder wins", "0.004,0.006,0.000", "0.01", "0.00,0.01,0.00"),
        Arguments.of("a single line takes the whole amount", "2.333338", "2.33", "2.33"),
        Arguments.of(
            "rounding down the total removes the cent", "1.004,1.004", "2.01", "1.01,1.00"),
        Arguments.of("zero stays zero", "0,0,0", "0.00", "0.00,0.00,0.00"),
        Arguments.of("exact cents are kept", "1.25,2.50", "3.75", "1.25,2.50"),
        Arguments.of(
            "amount below the floors takes cents from the smallest remainders",
            "0.019,0.011",
            "0.02",
            "0.01,0.01"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void centsAreSplitByLargestRemainder(String name, String exact, String amount, String expected) {
    BigDecimal[] shares =
        Arrays.stream(exact.split(",")).map(BigDecimal::new).toArray(BigDecimal[]::new);

    BigDecimal[] allocated = CentAllocation.allocate(shares, new BigDecimal(amount));

    assertThat(allocated)
        .containsExactly(
            Arrays.stream(expected.split(",")).map(BigDecimal::new).toArray(BigDecimal[]::new));
    assertThat(Arrays.stream(allocated).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(amount);
  }
}
