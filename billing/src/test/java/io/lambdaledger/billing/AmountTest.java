package io.lambdaledger.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AmountTest {

  private static Amount parsed(String text) {
    Amount a = new Amount();
    byte[] b = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
    a.parse(b, 1, b.length - 1);
    return a;
  }

  @Test
  void parsesWhatBigDecimalParsesToTheSameValue() {
    for (String s :
        new String[] {
          "0",
          "7",
          "-12.3400",
          ".5",
          "5.",
          "+3.25",
          "0.0000166667",
          "0.00000000000000000001",
          "123456789012345678901234567890.5",
          "999999999999999999",
          "1E-7",
          "-2.5e3",
          "00012.50"
        }) {
      assertThat(parsed(s).toBigDecimal()).as(s).isEqualByComparingTo(new BigDecimal(s));
    }
  }

  @Test
  void rejectsWhatIsNotANumber() {
    assertThatThrownBy(() -> parsed("1.2.3")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> parsed("-")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> parsed(".")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> parsed("$1")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void aDoubleHasTheValueBigDecimalValueOfGives() {
    SplittableRandom random = new SplittableRandom(13);
    double[] fixed = {
      0.0,
      -0.0,
      0.1,
      0.3,
      1e-7,
      0.0000166667,
      100.0,
      1e10,
      123456.789,
      -0.05,
      1e22,
      1.5e-300,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      0.1 + 0.2,
      9007199254740993.0,
      70368744177663.99
    };
    Amount a = new Amount();
    for (double d : fixed) {
      a.set(d);
      assertThat(a.toBigDecimal()).as("%s", d).isEqualByComparingTo(BigDecimal.valueOf(d));
    }
    for (int i = 0; i < 2_000_000; i++) {
      double d =
          switch (i % 5) {
            // cents, as most costs are
            case 0 -> random.nextInt(10_000_000) / 100.0;
            // rates and amounts with up to ten decimals
            case 1 -> random.nextLong(100_000_000_000L) / 1e10;
            // products, as exports compute them
            case 2 -> random.nextInt(1_000_000) * 0.0000166667;
            // any bits at all
            case 3 -> Double.longBitsToDouble(random.nextLong());
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 16));
          };
      if (!Double.isFinite(d)) {
        continue;
      }
      a.set(d);
      assertThat(a.toBigDecimal().compareTo(BigDecimal.valueOf(d)))
          .as("%s", Double.toString(d))
          .isZero();
    }
  }

  @Test
  void sumsExactlyAcrossScalesAndPastALong() {
    Amount sum = new Amount();
    sum.setZero();
    BigDecimal expected = BigDecimal.ZERO;
    SplittableRandom random = new SplittableRandom(5);
    Amount x = new Amount();
    for (int i = 0; i < 100_000; i++) {
      String s =
          switch (i % 4) {
            case 0 -> Long.toString(random.nextLong(1_000_000_000_000_000L));
            case 1 -> "0." + random.nextInt(1_000_000);
            case 2 -> "-" + random.nextInt(1000) + "." + random.nextInt(100);
            default -> random.nextLong(1_000_000_000_000L) + "." + random.nextLong(1_000_000L);
          };
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      x.parse(b, 0, b.length);
      sum.add(x);
      expected = expected.add(new BigDecimal(s));
    }
    assertThat(sum.toBigDecimal()).isEqualByComparingTo(expected);
  }
}
