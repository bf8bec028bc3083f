package io.lambdaledger.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lambdaledger.api.advice.RecommendationJson;
import io.lambdaledger.app.config.LedgerConfig;
import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.ReportLogScanner;
import io.lambdaledger.core.advice.AdviceSettings;
import io.lambdaledger.core.advice.Recommendation;
import io.lambdaledger.core.advice.SavingsAdvice;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.ReportLogStore;
import io.lambdaledger.db.StoredLedger;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lambda-ledger recommend}: reads the REPORT lines of the lookback with Logs Insights
 * (within the scan budget, days already read are not read again), then prints the savings
 * recommendations.
 */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {
      "Savings recommendations (arm64, memory, provisioned concurrency, failures) over the whole"
          + " days before today. See docs/recommendations.md.",
      "Memory recommendations need the REPORT lines, read with CloudWatch Logs Insights at"
          + " $0.005 per GB scanned, within --scan-budget a month."
    })
final class RecommendCommand extends LedgerSubcommand {

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--lookback-days",
      defaultValue = "14",
      paramLabel = "DAYS",
      description = "Whole UTC days before today to measure (default: ${DEFAULT-VALUE}).")
  int lookbackDays;

  @Option(
      names = "--scan-budget",
      paramLabel = "USD",
      description =
          "Most Logs Insights may cost in a calendar month, all scans together"
              + " (default: recommendations.scanBudget of the configuration, 1.00).")
  BigDecimal scanBudget;

  @Option(names = "--no-scan", description = "Do not read REPORT lines; use those stored.")
  boolean noScan;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "Recommend as of this day (the lookback ends at its start; default: today).")
  String asOf;

  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("json")) {
      throw new UsageException("--format must be table or json, got: " + format);
    }
    if (lookbackDays < 1 || lookbackDays > 90) {
      throw new UsageException("--lookback-days must be 1 to 90, got: " + lookbackDays);
    }
    if (scanBudget != null && scanBudget.signum() < 0) {
      throw new UsageException("--scan-budget must not be negative");
    }
    LocalDate today;
    try {
      today = asOf == null ? LocalDate.now(clock) : LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new UsageException("--as-of must be YYYY-MM-DD, got: " + asOf);
    }
    LedgerConfig config = main.config();
    BigDecimal budget = scanBudget != null ? scanBudget : config.recommendations().scanBudget();
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = Databases.open(config.database())) {
      ReportLogStore logs = new ReportLogStore(database.dsl());
      SavingsAdvice advice =
          new SavingsAdvice(
              StoredLedger.usage(database),
              StoredLedger.functions(database),
              logs,
              PriceBooks.bundled(),
              AdviceSettings.defaults());
      if (!noScan) {
        try (AwsClientFactory clients = CollectorWiring.clientFactory(main.environment())) {
          ReportLogScanner.Result scan =
              ReportScans.scan(
                  clients,
                  account -> accountOf(config, account),
                  StoredLedger.usage(database),
                  logs,
                  clock,
                  ReportLogScanner.Settings.of(budget),
                  today,
                  lookbackDays);
          PrintWriter err = spec.commandLine().getErr();
          err.printf(
              "Logs Insights: %d queries, %d bytes scanned, $%s of $%s spent this month%s%n",
              scan.queries(),
              scan.bytesScanned(),
              scan.monthSpentUsd().stripTrailingZeros().toPlainString(),
              scan.monthlyBudgetUsd().toPlainString(),
              scan.skippedForBudget() > 0
                  ? " (" + scan.skippedForBudget() + " functions left unread for the budget)"
                  : "");
          err.flush();
        }
      }
      SavingsAdvice.Result result =
          advice.recommend(today, lookbackDays, clock.instant(), AccountScope.all());
      if (format.equals("json")) {
        try {
          out.println(
              new ObjectMapper()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(RecommendationJson.of(result, null, true)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      } else {
        table(out, result);
      }
    }
    out.flush();
    return 0;
  }

  private static AwsAccount accountOf(LedgerConfig config, String accountId) {
    return config.aws().accounts().stream()
        .filter(a -> accountId.equals(a.id()))
        .findFirst()
        .map(a -> new AwsAccount(a.id(), a.roleArn(), a.externalId()))
        .orElse(AwsAccount.defaultCredentials());
  }

  private static void table(PrintWriter out, SavingsAdvice.Result result) {
    out.printf(
        "Savings over %s .. %s (USD a month: low / expected / high)%n", result.from(), result.to());
    out.printf(
        "%-22s %-44s %10s %10s %10s  %s%n",
        "KIND", "FUNCTION", "LOW", "EXPECTED", "HIGH", "ACTION");
    BigDecimal total = BigDecimal.ZERO;
    for (Recommendation r : result.recommendations()) {
      FunctionKey f = r.function();
      out.printf(
          "%-22s %-44s %10s %10s %10s  %s%n",
          r.kind().key(),
          f.accountId() + "/" + f.region() + "/" + f.name(),
          r.monthlySavingLowUsd().toPlainString(),
          r.monthlySavingExpectedUsd().toPlainString(),
          r.monthlySavingHighUsd().toPlainString(),
          r.action());
      total = total.add(r.monthlySavingExpectedUsd());
    }
    out.printf(
        "%d recommendations, %s USD a month expected%n",
        result.recommendations().size(), total.toPlainString());
  }
}
