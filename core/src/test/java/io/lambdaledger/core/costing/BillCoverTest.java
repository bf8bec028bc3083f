package io.lambdaledger.core.costing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillCoverTest {

  private static BilledAmount on(int day) {
    return new BilledAmount(
        "999999999999",
        "111111111111",
        "us-east-1",
        null,
        LocalDate.of(2026, 9, day),
        ChargeKind.REQUESTS,
        LineType.USAGE,
        BigDecimal.ONE,
        BigDecimal.ONE,
        BigDecimal.ONE,
        BigDecimal.ONE,
        null);
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void aMonthIsTheBillForTheWholeDaysItCoversAndTheEstimateAfter() {
    BillCover cover = BillCover.of(List.of(on(3), on(1), on(10)));

    assertThat(cover.cut(at("2026-09-01T00:00:00Z"), at("2026-10-01T00:00:00Z")))
        .containsExactly(
            new BillCover.Part(
                BillCover.Source.BILLED, at("2026-09-01T00:00:00Z"), at("2026-09-11T00:00:00Z")),
            new BillCover.Part(
                BillCover.Source.ESTIMATE, at("2026-09-11T00:00:00Z"), at("2026-10-01T00:00:00Z")));
  }

  @Test
  void partOfADayIsEstimatedAndAWindowTheBillMissesIsAllEstimate() {
    BillCover cover = BillCover.of(List.of(on(2), on(3)));

    assertThat(cover.cut(at("2026-09-01T12:00:00Z"), at("2026-09-03T06:00:00Z")))
        .extracting(BillCover.Part::source, BillCover.Part::start, BillCover.Part::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                BillCover.Source.ESTIMATE, at("2026-09-01T12:00:00Z"), at("2026-09-02T00:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                BillCover.Source.BILLED, at("2026-09-02T00:00:00Z"), at("2026-09-03T00:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                BillCover.Source.ESTIMATE, at("2026-09-03T00:00:00Z"), at("2026-09-03T06:00:00Z")));
    assertThat(cover.cut(at("2026-09-20T00:00:00Z"), at("2026-09-21T00:00:00Z")))
        .containsExactly(
            new BillCover.Part(
                BillCover.Source.ESTIMATE, at("2026-09-20T00:00:00Z"), at("2026-09-21T00:00:00Z")));
    assertThat(BillCover.of(List.of()).isEmpty()).isTrue();
  }
}
