package io.lambdaledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CentAllocationTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("thirds: the earliest line takes the odd cent", "1,1,1", 100, "34,33,33"),
        Arguments.of("largest remainder wins", "2,3,5", 11, "2,3,6"),
        Arguments.of("equal remainders go to the earlier lines", "1,1,1,1", 2, "1,1,0,0"),
        Arguments.of("a single line takes the whole amount", "540000", 233, "233"),
        Arguments.of("zero weight gets nothing", "0,7,0", 5, "0,5,0"),
        Arguments.of("zero stays zero", "3,4,5", 0, "0,0,0"),
        Arguments.of("proportional amounts are kept", "1,2", 300, "100,200"),
        Arguments.of("negative amounts are split like positive ones", "1,1,1", -100, "-34,-33,-33"),
        Arguments.of(
            "products beyond 64 bits are exact",
            "4000000000000000000,1000000000000000000",
            100_000_000_001L,
            "80000000001,20000000000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void centsAreSplitByLargestRemainder(String name, String weights, long amount, String expected) {
    long[] w = Arrays.stream(weights.split(",")).mapToLong(Long::parseLong).toArray();

    long[] allocated = CentAllocation.apportion(amount, w, Arrays.stream(w).sum());

    assertThat(allocated)
        .containsExactly(Arrays.stream(expected.split(",")).mapToLong(Long::parseLong).toArray());
    assertThat(Arrays.stream(allocated).sum()).isEqualTo(amount);
  }
}
