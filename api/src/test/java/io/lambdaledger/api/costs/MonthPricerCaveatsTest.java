package io.lambdaledger.api.costs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * History caveats are read again once their time is up (here at once), in the background: every
 * caller keeps the previous caveats meanwhile; equal caveats read again are the previous object.
 */
class MonthPricerCaveatsTest {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final FunctionKey FUNCTION = new FunctionKey("111111111111", "us-east-1", "fn");

  /**
   * Evidence whose provenance is {@code provenance}, counting reads, blocking while {@code gate}.
   */
  static final class Evidence implements HistoryEvidence {
    final AtomicReference<Provenance> provenance = new AtomicReference<>(Provenance.OBSERVED);
    final AtomicInteger reads = new AtomicInteger();
    volatile CountDownLatch reading = new CountDownLatch(0);
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public List<FunctionProvenance> provenance(YearMonth month, AccountScope scope) {
      reads.incrementAndGet();
      reading.countDown();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(new FunctionProvenance(FUNCTION, month, provenance.get(), null));
    }

    @Override
    public List<NotYetKnown> notYetKnown(AccountScope scope) {
      return List.of();
    }
  }

  @Test
  void caveatsAreReadAgainAndKeptAsTheSameObjectWhileEqual() {
    Evidence evidence = new Evidence();
    MonthPricer pricer =
        new MonthPricer(
            new MonthPricing(PriceBooks.bundled()), evidence, Duration.ZERO, Runnable::run);
    HistoryCaveats first = pricer.caveats(MONTH, AccountScope.all());
    assertThat(evidence.reads).hasValue(1);
    assertThat(pricer.caveats(MONTH, AccountScope.all())).isSameAs(first);
    assertThat(evidence.reads).hasValue(2);

    evidence.provenance.set(Provenance.INFERRED);
    HistoryCaveats changed = pricer.caveats(MONTH, AccountScope.all());
    assertThat(changed).isNotEqualTo(first);
    assertThat(changed.provenance(FUNCTION)).isEqualTo(Provenance.INFERRED);
  }

  @Test
  void noCallerWaitsWhileTheyAreReadAgainInTheBackground() throws Exception {
    Evidence evidence = new Evidence();
    ExecutorService refresher = Executors.newSingleThreadExecutor();
    try {
      MonthPricer pricer =
          new MonthPricer(
              new MonthPricing(PriceBooks.bundled()), evidence, Duration.ZERO, refresher);
      HistoryCaveats first = pricer.caveats(MONTH, AccountScope.all());
      evidence.provenance.set(Provenance.INFERRED);
      evidence.reading = new CountDownLatch(1);
      evidence.gate = new CountDownLatch(1);

      // The read in the background is blocked by the gate; callers get the previous caveats.
      assertThat(pricer.caveats(MONTH, AccountScope.all())).isSameAs(first);
      assertThat(evidence.reading.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pricer.caveats(MONTH, AccountScope.all())).isSameAs(first);
      assertThat(pricer.caveats(MONTH, AccountScope.all())).isSameAs(first);
      assertThat(evidence.reads).hasValue(2);

      evidence.gate.countDown();
      refresher.submit(() -> {}).get(10, TimeUnit.SECONDS); // the read has ended
      assertThat(pricer.caveats(MONTH, AccountScope.all()).provenance(FUNCTION))
          .isEqualTo(Provenance.INFERRED);
    } finally {
      refresher.shutdownNow();
    }
  }

  @Test
  void aFailedReadKeepsThePreviousCaveatsAndIsTriedAgain() {
    Evidence evidence = new Evidence();
    AtomicBoolean failing = new AtomicBoolean();
    HistoryEvidence flaky =
        new HistoryEvidence() {
          @Override
          public List<FunctionProvenance> provenance(YearMonth month, AccountScope scope) {
            if (failing.get()) {
              throw new IllegalStateException("database down");
            }
            return evidence.provenance(month, scope);
          }

          @Override
          public List<NotYetKnown> notYetKnown(AccountScope scope) {
            return List.of();
          }
        };
    MonthPricer pricer =
        new MonthPricer(
            new MonthPricing(PriceBooks.bundled()), flaky, Duration.ZERO, Runnable::run);
    HistoryCaveats first = pricer.caveats(MONTH, AccountScope.all());
    failing.set(true);
    evidence.provenance.set(Provenance.INFERRED);
    assertThat(pricer.caveats(MONTH, AccountScope.all())).isSameAs(first);

    failing.set(false);
    assertThat(pricer.caveats(MONTH, AccountScope.all()).provenance(FUNCTION))
        .isEqualTo(Provenance.INFERRED);
  }
}
