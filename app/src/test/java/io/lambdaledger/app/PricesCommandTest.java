package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.pricing.PriceBooks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PricesCommandTest {

  record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    return run(Main.commandLine(Map.of()), args);
  }

  private static Run run(CommandLine line, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int exitCode = line.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void showPrintsTheBookInForceWithEveryRegion() {
    Run run = run("prices", "show");

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
    Run run = run("prices", "show", "--region", "eu-west-1");

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
    Run run = run("prices", "show", "--region", "moon-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("lambda-ledger: --region: unknown region 'moon-1'");
  }

  @Test
  void aMonthBeforeEveryPriceBookExitsTwo() {
    Run run = run("prices", "show", "--month", "2022-07");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("--month: no price book in force for 2022-07");
  }

  @Test
  void aMalformedMonthExitsTwo() {
    Run run = run("prices", "show", "--month", "October");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--month: expected YYYY-MM");
  }

  @Test
  void withoutAMonthTheClockDecidesWhichBookIsInForce() {
    Clock october2026 = Clock.fixed(Instant.parse("2026-10-15T00:00:00Z"), ZoneOffset.UTC);

    Run run = run(new CommandLine(new PricesCommand(PriceBooks::bundled, october2026)), "show");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Price book bundled-2026.1");
  }
}
