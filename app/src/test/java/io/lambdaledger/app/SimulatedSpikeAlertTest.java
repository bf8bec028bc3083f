package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.app.AlertsEndToEndTest.Receiver;
import io.lambdaledger.app.config.AlertsConfig;
import io.lambdaledger.app.config.AlertsConfig.DeliveryConfig;
import io.lambdaledger.app.config.AlertsConfig.WebhookConfig;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.CycleReport;
import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.MutableClock;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.Seasonality;
import io.lambdaledger.sim.SimulatorSettings;
import io.lambdaledger.sim.Spike;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #17's anomaly claims on traffic the simulator makes, not on rows the test writes: the real
 * collector reads CloudWatch from a simulator with a weekly seasonal pattern planted (weekends at
 * 40 %, a daily curve) and, in one case, a five-fold spike of one day on one function; the alert
 * cycle runs after every collection cycle, as {@code serve} does. The spike raises exactly one
 * alert, for the planted function and day (as {@code /_sim/truth} lists it), delivered to a webhook
 * in the first cycle that may judge the day; four weeks of seasonal traffic without a spike raise
 * none.
 *
 * <p>The estate: seed 2, 12 functions in one account (three busy ones: $1.9 to $6.9 a day at list
 * price, none a large spender for the hourly check), data from Monday 2026-10-05, so the judged
 * days have four weeks of the same weekday behind them.
 */
class SimulatedSpikeAlertTest {

  private static final long SEED = 2;
  private static final int FUNCTIONS = 12;
  private static final Instant DATA_START = Instant.parse("2026-10-05T00:00:00Z"); // a Monday
  private static final Instant SPIKE_DAY = Instant.parse("2026-11-04T00:00:00Z"); // a Wednesday
  private static final String SPIKED = "orders-auth-00000"; // steady, about $3.50 a day

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void close() throws Exception {
    Collections.reverse(closeables);
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  /** A simulator, a database, the collector and the alert cycle, all on one movable clock. */
  private final class Ledger {
    final MutableClock clock = new MutableClock(SPIKE_DAY);
    final AwsSimulator sim;
    final Collector collector;
    final AlertWiring alerts;

    Ledger(DatabaseKind kind, Spike spike, Duration lookback, String webhook) {
      sim =
          AwsSimulator.start(
              SimulatorSettings.defaults()
                  .withFunctions(FUNCTIONS)
                  .withSeed(SEED)
                  .withStart(DATA_START)
                  .withClock(clock)
                  .withSeasonality(Seasonality.weekly())
                  .withSpike(spike));
      closeables.add(sim);
      TestDatabase db = TestDatabases.fresh(kind);
      closeables.add(db);
      AwsClientFactory clients = SimulatedAws.clients(sim, 10, 16);
      closeables.add(clients);
      collector =
          SimulatedAws.collector(
              db.database(),
              clients,
              SimulatedAws.settings().withLookback(lookback),
              clock,
              "spike-test");
      closeables.add(collector);
      ServiceMetrics metrics = new ServiceMetrics();
      closeables.add(metrics);
      alerts =
          new AlertWiring(
              new AlertsConfig(
                  List.of(new WebhookConfig("ops", webhook, "json")),
                  List.of(),
                  null,
                  new DeliveryConfig(4, Duration.ofSeconds(1), Duration.ofSeconds(5), null),
                  10),
              db.database(),
              PriceBooks.bundled(),
              metrics,
              clock,
              wait -> {});
    }

    /** The four weeks before the spike's day, read by a backfill at its midnight. */
    void backfillHistory() {
      clock.set(SPIKE_DAY);
      SimulatedAws.backfill(collector, DATA_START, SPIKE_DAY);
    }

    /** One collection cycle at {@code now}, then the alert cycle, as {@code serve} runs them. */
    AlertCycle.Outcome cycleAt(Instant now) {
      clock.set(now);
      CycleReport report = collector.runOnce();
      assertThat(report.succeeded()).as("%s", report.failures()).isTrue();
      return alerts.cycle().run();
    }

    JsonNode truth(Instant from, Instant to) throws Exception {
      return SimulatedAws.truth(sim, from, to);
    }
  }

  @OnEachDatabase
  void aPlantedFiveFoldSpikeRaisesExactlyOneAlertForItsFunctionAndDayWithinOneCycle(
      DatabaseKind kind) throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    Ledger ledger =
        new Ledger(
            kind,
            new Spike(SPIKED, SPIKE_DAY, Duration.ofDays(1), 5),
            Duration.ofHours(2),
            receiver.url());
    ledger.backfillHistory();
    assertThat(ledger.alerts.cycle().run().raised()).isEmpty();

    // what the simulator planted, as a test scoring alerts would read it
    JsonNode planted =
        ledger.truth(SPIKE_DAY, SPIKE_DAY.plus(Duration.ofDays(1))).path("planted").path("spike");
    String subject =
        planted.path("account").asText()
            + "/"
            + planted.path("region").asText()
            + "/"
            + planted.path("name").asText();
    String day = planted.path("from").asText().substring(0, 10);
    assertThat(subject).endsWith("/us-east-1/" + SPIKED);
    assertThat(day).isEqualTo("2026-11-04");

    // hourly collection cycles through the spike's day and into the next
    List<Alert> raised = new ArrayList<>();
    Instant firstRaised = null;
    for (int hour = 1; hour <= 26; hour++) {
      Instant now = SPIKE_DAY.plus(Duration.ofHours(hour));
      AlertCycle.Outcome outcome = ledger.cycleAt(now);
      if (!outcome.raised().isEmpty() && firstRaised == null) {
        firstRaised = now;
      }
      raised.addAll(outcome.raised());
    }

    assertThat(raised)
        .extracting(Alert::key)
        .containsExactly("anomaly:" + subject + ":" + day + ":spike");
    assertThat(raised.get(0).period()).isEqualTo(day);
    // the day is judged once 6 hours of it have passed: the 06:00 cycle raises it
    assertThat(firstRaised)
        .isEqualTo(SPIKE_DAY.plus(Duration.ofHours(AlertCycle.PARTIAL_DAY_MIN_HOURS)));
    assertThat(receiver.bodies).hasSize(1);
    JsonNode sent = json.readTree(receiver.bodies.get(0));
    assertThat(sent.get("kind").asText()).isEqualTo("anomaly");
    assertThat(sent.get("subject").asText()).isEqualTo(subject);
    assertThat(sent.get("period").asText()).isEqualTo(day);
    // judged at 06:00 on the quiet part of the daily curve, while the baseline is scaled by the
    // share of the day elapsed (6/24): the ratio is under 5, but over the detector's 2x
    assertThat(new BigDecimal(sent.get("observed").asText()))
        .isGreaterThan(
            new BigDecimal(sent.get("expected").asText()).multiply(BigDecimal.valueOf(2)));
  }

  @Test
  void fourWeeksOfSeasonalTrafficWithoutASpikeRaiseNoAlert() throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    Ledger ledger = new Ledger(DatabaseKind.H2, null, Duration.ofHours(26), receiver.url());
    ledger.backfillHistory();
    JsonNode planted = ledger.truth(SPIKE_DAY, SPIKE_DAY.plus(Duration.ofDays(1))).path("planted");
    assertThat(planted.path("spike").isNull()).isTrue();
    assertThat(planted.path("seasonality").path("weekendFactor").asDouble()).isEqualTo(0.4);

    // a cycle each day at noon: yesterday judged whole, today half-way (weekends included)
    List<Alert> raised = new ArrayList<>();
    int judged = 0;
    for (int day = 0; day < 28; day++) {
      AlertCycle.Outcome outcome =
          ledger.cycleAt(SPIKE_DAY.plus(Duration.ofDays(day)).plus(Duration.ofHours(12)));
      raised.addAll(outcome.raised());
      judged += outcome.judged();
    }

    assertThat(raised).isEmpty();
    assertThat(receiver.bodies).isEmpty();
    assertThat(judged).isGreaterThan(28);
  }
}
