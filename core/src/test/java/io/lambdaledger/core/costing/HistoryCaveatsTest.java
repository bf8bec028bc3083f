package io.lambdaledger.core.costing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.ledger.HistoryEvidence.NotYetKnown;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a line priced with uncertain history says, and what a caller is warned about. */
class HistoryCaveatsTest {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final FunctionKey INFERRED = new FunctionKey("111111111111", "us-east-1", "pc-api");
  static final FunctionKey UNKNOWN = new FunctionKey("111111111111", "eu-west-1", "old-fn");
  static final FunctionKey CERTAIN = new FunctionKey("222222222222", "us-east-1", "fine");
  static final FunctionKey ELSEWHERE = new FunctionKey("111111111111", "mars-north-1", "rover");

  final HistoryCaveats caveats =
      new HistoryCaveats(
          PriceBook.bundled(),
          List.of(
              new FunctionProvenance(INFERRED, MONTH, Provenance.INFERRED, new BigDecimal("12345")),
              new FunctionProvenance(UNKNOWN, MONTH, Provenance.UNKNOWN, null),
              new FunctionProvenance(CERTAIN, MONTH, Provenance.CLOUDTRAIL, BigDecimal.ZERO),
              new FunctionProvenance(ELSEWHERE, MONTH, Provenance.INFERRED, BigDecimal.TEN)),
          List.of(
              new NotYetKnown(
                  CERTAIN,
                  "PROVISIONED_CONCURRENCY",
                  "UNSUPPORTED",
                  "ListProvisionedConcurrencyConfigs 404 UnknownOperationException")));

  @Test
  void caveatsReadFromEqualEvidenceAreEqualAndFromOtherEvidenceNot() {
    PriceBook book = PriceBook.bundled();
    List<FunctionProvenance> evidence =
        List.of(
            new FunctionProvenance(INFERRED, MONTH, Provenance.INFERRED, new BigDecimal("12345")));
    HistoryCaveats first = new HistoryCaveats(book, evidence, List.of());
    HistoryCaveats again = new HistoryCaveats(book, List.copyOf(evidence), List.of());

    assertThat(again).isEqualTo(first).hasSameHashCodeAs(first);
    assertThat(
            new HistoryCaveats(
                book,
                List.of(new FunctionProvenance(INFERRED, MONTH, Provenance.UNKNOWN, null)),
                List.of()))
        .isNotEqualTo(first);
    assertThat(
            new HistoryCaveats(
                book,
                evidence,
                List.of(new NotYetKnown(INFERRED, "TAGS", "DENIED", "403 AccessDenied"))))
        .isNotEqualTo(first);
  }

  @Test
  void theAmountAtRiskIsTheInferredPcAtTheRegionsX86Rate() {
    BigDecimal rate =
        PriceBook.bundled()
            .rates("us-east-1", Architecture.X86_64)
            .rate(PriceGroup.PROVISIONED_CONCURRENCY);
    BigDecimal expected = new BigDecimal("12345").multiply(rate).setScale(2, RoundingMode.CEILING);

    assertThat(caveats.atRisk(INFERRED)).isEqualByComparingTo(expected);
    assertThat(caveats.atRisk(UNKNOWN)).isNull();
    assertThat(caveats.atRisk(CERTAIN)).isNull();
    assertThat(caveats.atRisk(ELSEWHERE)).as("no prices for the region").isNull();
    assertThat(caveats.notes(INFERRED))
        .containsExactly(
            "history INFERRED: provisioned concurrency deduced from CloudWatch metrics, up to $"
                + expected.toPlainString()
                + " at risk");
  }

  @Test
  void eachLineSaysWhatItCannotVouchFor() {
    assertThat(caveats.provenance(CERTAIN)).isEqualTo(Provenance.CLOUDTRAIL);
    assertThat(caveats.notes(CERTAIN))
        .containsExactly(
            "PC configuration could not be read: ListProvisionedConcurrencyConfigs 404"
                + " UnknownOperationException");
    assertThat(caveats.notes(UNKNOWN)).singleElement().asString().startsWith("history UNKNOWN");
    assertThat(caveats.affects(CERTAIN)).isTrue();
    assertThat(caveats.affects(new FunctionKey("1", "us-east-1", "other"))).isFalse();
    assertThat(HistoryCaveats.NONE.notes(INFERRED)).isEmpty();
  }

  @Test
  void warningsNameOnlyTheFunctionsAskedAboutInAFixedOrder() {
    List<CostWarning> all = caveats.warnings(List.of(CERTAIN, UNKNOWN, ELSEWHERE, INFERRED));
    assertThat(all)
        .extracting(CostWarning::code)
        .containsExactly(
            HistoryCaveats.HISTORY_INFERRED,
            HistoryCaveats.HISTORY_UNKNOWN,
            HistoryCaveats.NOT_YET_KNOWN);
    assertThat(all.get(0).message())
        .startsWith("2 functions priced with provisioned concurrency inferred")
        .contains("pc-api")
        .contains("rover")
        .contains("and more in regions without prices");

    List<CostWarning> one = caveats.warnings(List.of(CERTAIN));
    assertThat(one).extracting(CostWarning::code).containsExactly(HistoryCaveats.NOT_YET_KNOWN);
    assertThat(one.get(0).message()).doesNotContain("pc-api").doesNotContain("old-fn");
  }

  @Test
  void longListsOfFunctionsAreCut() {
    List<FunctionProvenance> many = new ArrayList<>();
    List<FunctionKey> keys = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      FunctionKey key = new FunctionKey("111111111111", "us-east-1", "fn-" + (100 + i));
      keys.add(key);
      many.add(new FunctionProvenance(key, MONTH, Provenance.UNKNOWN, null));
    }
    String message =
        new HistoryCaveats(PriceBook.bundled(), many, List.of()).warnings(keys).get(0).message();
    assertThat(message).startsWith("12 functions").contains("fn-104").doesNotContain("fn-105");
    assertThat(message).contains("and 7 more");
  }
}
