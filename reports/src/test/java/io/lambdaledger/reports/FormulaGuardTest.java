package io.lambdaledger.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaGuardTest {

  static Stream<Arguments> dangerousCells() {
    return Stream.of(
        Arguments.of("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
        Arguments.of("+cmd", "'+cmd"),
        Arguments.of("-2+3", "'-2+3"),
        Arguments.of("@SUM(A1)", "'@SUM(A1)"),
        Arguments.of("\t=1+1", "'\t=1+1"),
        Arguments.of("\r=1+1", "'\r=1+1"));
  }

  @ParameterizedTest(name = "[{0}] is written as [{1}]")
  @MethodSource("dangerousCells")
  void cellsThatCouldStartAFormulaGetAnApostrophe(String value, String written) {
    assertThat(FormulaGuard.text(value)).isEqualTo(written);
  }

  @ParameterizedTest(name = "[{0}] stays as it is")
  @ValueSource(
      strings = {
        "arn:aws:lambda:us-east-1:111111111111:function:api",
        "111111111111",
        "orders-api",
        "x=1",
        "{\"team\":\"+cmd\"}"
      })
  void ordinaryCellsAreUnchanged(String value) {
    assertThat(FormulaGuard.text(value)).isSameAs(value);
  }

  @Test
  void nullAndEmptyCellsStayNullAndEmpty() {
    assertThat(FormulaGuard.text(null)).isNull();
    assertThat(FormulaGuard.text("")).isEmpty();
  }
}
