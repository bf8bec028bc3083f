package io.lambdaledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageLineTest {

  @ParameterizedTest(name = "{0} x {1} s enabled bills {2} concurrency-seconds")
  @CsvSource({
    "1, 0, 0",
    "1, 1, 300",
    "1, 299, 300",
    "1, 300, 300",
    "1, 301, 600",
    "20, 36000, 720000",
    "1000, 7200, 7200000"
  })
  void provisionedConcurrencyPeriodsRoundUpToFiveMinutes(
      int concurrency, long seconds, long expected) {
    assertThat(UsageLine.provisionedConcurrencySeconds(concurrency, seconds)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "memory {0} MB is rejected")
  @CsvSource({"127", "10241", "0"})
  void memoryOutsideTheLambdaRangeIsRejectedNamingTheField(int memoryMb) {
    assertThatThrownBy(() -> base().memoryMb(memoryMb).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memoryMb");
  }

  @ParameterizedTest(name = "ephemeral storage {0} MB is rejected")
  @CsvSource({"511", "10241"})
  void ephemeralStorageOutsideTheLambdaRangeIsRejectedNamingTheField(int storageMb) {
    assertThatThrownBy(() -> base().ephemeralStorageMb(storageMb).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ephemeralStorageMb");
  }

  @Test
  void negativeCountsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> base().requests(-1).build()).hasMessageContaining("requests");
    assertThatThrownBy(() -> base().provisionedRequests(-1).build())
        .hasMessageContaining("provisionedRequests");
    assertThatThrownBy(() -> BilledDuration.billedMs(-1)).hasMessageContaining("duration");
  }

  @Test
  void thePayerDefaultsToTheAccount() {
    assertThat(base().build().payer()).isEqualTo("123456789012");
    assertThat(base().payer("999").build().payer()).isEqualTo("999");
  }

  @Test
  void initOneBilledDurationIsTheCeilingOfDurationPlusInit() {
    // INIT-1 (AWS Compute Blog, 2025-04-29): Duration 250.06 ms, Init Duration 100.77 ms
    assertThat(BilledDuration.billedMsOfInvocation(new BigDecimal("250.06"), BigDecimal.ZERO))
        .isEqualTo(251L);
    assertThat(
            BilledDuration.billedMsOfInvocation(new BigDecimal("250.06"), new BigDecimal("100.77")))
        .isEqualTo(351L);
  }

  @Test
  void aMetricSumBoundsTheBilledDuration() {
    BilledDuration sum = BilledDuration.fromMetricSum(new BigDecimal("1000.2"), 10);

    assertThat(sum.isExact()).isFalse();
    assertThat(sum.lowerMs()).isEqualTo(1001L);
    assertThat(sum.upperMs()).isEqualTo(1010L);
    assertThat(BilledDuration.fromMetricSum(new BigDecimal("1000"), 0).upperMs()).isEqualTo(1000L);
    assertThat(BilledDuration.average(3, new BigDecimal("85.5")).lowerMs()).isEqualTo(257L);
  }

  private static UsageLine.Builder base() {
    return UsageLine.builder().account("123456789012").region("us-east-1").function("f");
  }
}
