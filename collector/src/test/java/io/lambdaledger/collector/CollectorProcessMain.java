package io.lambdaledger.collector;

import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A collector in its own JVM, for the test that kills a process mid-run: {@code endpoint dbUrl now
 * periodSeconds backfillFrom backfillTo}.
 */
public final class CollectorProcessMain {

  private CollectorProcessMain() {}

  public static void main(String[] args) {
    URI endpoint = URI.create(args[0]);
    DatabaseSettings database = new DatabaseSettings(args[1], null, null);
    Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
    CollectorSettings settings =
        CollectorHarness.testSettings()
            .withPeriod(Duration.ofSeconds(Long.parseLong(args[3])))
            .withConcurrency(1, 1);
    try (Database db = Database.open(database);
        AwsClientFactory clients =
            CollectorHarness.simulatorClients(
                endpoint, "AKIDLEDGERTEST", CollectorHarness.FAST_RETRIES, 8);
        Collector collector =
            new Collector(db, clients, CollectorHarness.defaultTarget("test"), settings, clock)) {
      System.out.println("collector process started");
      collector.backfill(Instant.parse(args[4]), Instant.parse(args[5]), Progress.none());
    }
  }
}
