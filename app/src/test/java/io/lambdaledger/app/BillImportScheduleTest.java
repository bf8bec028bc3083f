package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.billing.BillImporter;
import io.lambdaledger.billing.ImportResult;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.testing.MutableClock;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bill import {@code serve} schedules, driven by an injected clock: it imports at start, not
 * again before the interval has passed, and picks up the simulator's next daily export version once
 * it has.
 */
class BillImportScheduleTest {

  @Test
  void aNewExportVersionIsImportedOnceTheIntervalHasPassedAndNotBefore() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-10-20T07:00:00Z"));
    try (AwsSimulator sim = SimulatedAws.billedFromOctober(6, 71, clock);
        TestDatabase db = TestDatabases.h2();
        S3Client s3 = SimulatedAws.s3(sim);
        BillImportSchedule schedule =
            new BillImportSchedule(
                new BillImporter(s3, new BillStore(db.dsl()), clock),
                List.of(AwsSimulator.CUR2_CSV_EXPORT),
                Duration.ofHours(1),
                clock,
                () -> {})) {

      List<ImportResult> first = schedule.runIfDue();
      List<ImportResult> tooSoon = schedule.runIfDue();
      clock.advance(Duration.ofDays(1).minusMinutes(1)); // the next daily export is out...
      clock.advance(Duration.ofMinutes(1)); // ...and an hour has long passed
      List<ImportResult> nextDay = schedule.runIfDue();
      clock.advance(Duration.ofMinutes(59));
      List<ImportResult> withinTheHour = schedule.runIfDue();

      assertThat(first)
          .extracting(ImportResult::outcome)
          .containsExactly(ImportResult.Outcome.IMPORTED);
      assertThat(tooSoon).isEmpty();
      assertThat(nextDay)
          .extracting(ImportResult::outcome)
          .containsExactly(ImportResult.Outcome.REPLACED);
      assertThat(withinTheHour).isEmpty();
      assertThat(schedule.configured()).isTrue();
    }
  }
}
