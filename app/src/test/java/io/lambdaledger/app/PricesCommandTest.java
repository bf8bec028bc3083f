package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.pricing.PriceBooks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PricesCommandTest {

  private static CommandRun run(String... args) {
    return CommandRun.of(Map.of(), args);
  }

  @Test
  void showPrintsTheBookInForceWithEveryRegion() {
    CommandRun run = run("prices", "show");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Price book bundled-2026.1, effective 2022-08-01")
        .contains("Free tier: 1,000,000 requests and 400,000 GB-s")
        .contains("ap-southeast-5")
        .contains("af-south-1");
    assertThat(run.out().lines().filter(line -> line.startsWith("us-east-1 "))).hasSize(14);
  }

  @Test
  void showForOneRegionListsItsFourteenPricesWithTiersAndBasis() {
    CommandRun run = run("prices", "show", "--region", "eu-west-1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().filter(line -> line.startsWith("eu-west-1 "))).hasSize(14);
    assertThat(run.out().lines().filter(line -> line.startsWith("us-east-1 "))).isEmpty();
    assertThat(run.out())
        .containsPattern(
            "eu-west-1\\s+x86_64\\s+duration\\s+6000000000-15000000000\\s+0.0000150000\\s+Lambda-GB-Second\\s+derived\\s+EU-Lambda-GB-Second")
        .containsPattern("eu-west-1\\s+arm64\\s+requests\\s+0-Inf\\s+0.0000002000");
  }

  @Test
  void anUnknownRegionExitsTwoNamingTheFlag() {
    CommandRun run = run("prices", "show", "--region", "moon-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("lambda-ledger: --region: unknown region 'moon-1'");
  }

  @Test
  void aMonthBeforeEveryPriceBookExitsTwo() {
    CommandRun run = run("prices", "show", "--month", "2022-07");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("--month: no price book in force for 2022-07");
  }

  @Test
  void aMalformedMonthExitsTwo() {
    CommandRun run = run("prices", "show", "--month", "October");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--month: expected YYYY-MM");
  }

  @Test
  void withoutAMonthTheClockDecidesWhichBookIsInForce() {
    Clock october2026 = Clock.fixed(Instant.parse("2026-10-15T00:00:00Z"), ZoneOffset.UTC);

    CommandRun run =
        CommandRun.of(new CommandLine(new PricesCommand(PriceBooks::bundled, october2026)), "show");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Price book bundled-2026.1");
  }
}
