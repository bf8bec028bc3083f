package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.pricing.Price;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.PriceBookStore;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesRefreshTest {
  static AwsSimulator simulator;
  @TempDir Path dir;

  @BeforeAll
  static void startSimulator() {
    simulator = AwsSimulator.start(SimulatorSettings.defaults().withFunctions(5));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  private Map<String, String> environment() {
    return Map.of(
        "LEDGER_DB_URL",
        "jdbc:h2:file:" + dir.resolve("ledger"),
        "AWS_ENDPOINT_URL",
        simulator.endpoint().toString(),
        "AWS_ACCESS_KEY_ID",
        "AKIDTEST",
        "AWS_SECRET_ACCESS_KEY",
        "secret");
  }

  @Test
  void refreshStoresTheListedPricesAsANewVersionThatShowThenUses() {
    CommandRun refresh = MigrateCommandTest.run(environment(), "prices", "refresh");
    assertThat(refresh.exitCode()).as(refresh.err()).isZero();
    assertThat(refresh.out()).contains("read ").contains("Stored price book aws-");

    List<PriceBook> stored;
    try (Database database =
        Database.open(new DatabaseSettings(environment().get("LEDGER_DB_URL"), null, null))) {
      stored = new PriceBookStore(database.dsl(), Clock.systemUTC()).load();
    }
    assertThat(stored).hasSize(1);
    PriceBook book = stored.getFirst();
    PriceBook bundled = PriceBook.bundled();
    assertThat(book.regions()).isEqualTo(bundled.regions());
    assertThat(unitPrices(book)).isEqualTo(unitPrices(bundled));

    CommandRun show =
        MigrateCommandTest.run(environment(), "prices", "show", "--region", "eu-west-1");
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out()).contains("Price book " + book.version()).contains("eu-west-1");
  }

  @Test
  void aRefreshRepeatedInTheSameSecondReplacesTheVersionInsteadOfDuplicatingIt() {
    CommandRun first = MigrateCommandTest.run(environment(), "prices", "refresh");
    CommandRun second = MigrateCommandTest.run(environment(), "prices", "refresh");
    assertThat(first.exitCode()).isZero();
    assertThat(second.exitCode()).isZero();
    try (Database database =
        Database.open(new DatabaseSettings(environment().get("LEDGER_DB_URL"), null, null))) {
      List<PriceBook> stored = new PriceBookStore(database.dsl(), Clock.systemUTC()).load();
      assertThat(stored).hasSizeBetween(1, 2);
      stored.forEach(b -> assertThat(unitPrices(b)).isEqualTo(unitPrices(PriceBook.bundled())));
    }
  }

  @Test
  void anUnreachablePriceListIsOneLineAndExitCodeOne() {
    CommandRun run =
        MigrateCommandTest.run(
            Map.of(
                "LEDGER_DB_URL", "jdbc:h2:file:" + dir.resolve("ledger"),
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ACCESS_KEY_ID", "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY", "secret"),
            "prices",
            "refresh");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err()).contains("Price List API failed").doesNotContain("\tat ");
  }

  private static Map<String, java.math.BigDecimal> unitPrices(PriceBook book) {
    return book.prices().stream()
        .collect(
            Collectors.toMap(
                p ->
                    p.region() + "/" + p.group() + "/" + p.architecture() + "/" + p.range().begin(),
                Price::unitPrice,
                (a, b) -> a))
        .entrySet()
        .stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue().stripTrailingZeros(),
                (a, b) -> a,
                java.util.TreeMap::new));
  }
}
