package io.lambdaledger.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lambdaledger.api.costs.ReconciliationJson;
import io.lambdaledger.app.config.LedgerConfig;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.MonthReconciler;
import io.lambdaledger.core.costing.ReconciledItem;
import io.lambdaledger.core.costing.ReconciledMonth;
import io.lambdaledger.core.costing.VarianceCause;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseUnavailableException;
import io.lambdaledger.db.StoredLedger;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reconcile}: a month's estimate against its imported bill, the variance explained. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Compares a month's estimate from CloudWatch metrics with its imported bill (see bill"
          + " import), per function, and explains the variance: INIT, rounding, history gaps,"
          + " Savings Plans, credits, free tier, unallocated lines. See docs/billing-data.md."
    })
final class ReconcileCommand extends LedgerSubcommand {

  @Option(
      names = "--month",
      required = true,
      paramLabel = "YYYY-MM",
      description = "The billing period (UTC month), e.g. 2026-10.")
  String month;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|json",
      description = "table (default) or json (the shape of GET /api/v1/reconciliation).")
  String format;

  @Option(
      names = "--aggregate",
      defaultValue = "function",
      paramLabel = "function|account|region|tag:KEY",
      description = "What an item is (default: function).")
  String aggregate;

  @Override
  public Integer call() throws JsonProcessingException {
    YearMonth period = CommandValues.month(month);
    if (!format.equals("table") && !format.equals("json")) {
      throw new UsageException("--format must be table or json, got '" + format + "'");
    }
    if (!ReconciliationJson.validAggregate(aggregate)) {
      throw new UsageException(
          "--aggregate must be function, account, region or tag:KEY, got '" + aggregate + "'");
    }
    LedgerConfig config = main.config();
    Databases.requireExisting(config.database(), "nothing to reconcile");
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = Databases.open(config.database())) {
      ReconciledMonth reconciled =
          new MonthReconciler(
                  StoredLedger.usage(database),
                  StoredLedger.bill(database),
                  StoredPriceBooks.load(database))
              .reconcile(period, AccountScope.all())
              .orElseThrow(
                  () ->
                      new UsageException(
                          "no bill is imported for "
                              + period
                              + "; run: lambda-ledger bill import --export s3://…"));
      var functions = StoredLedger.functions(database);
      Map<String, Object> body =
          ReconciliationJson.of(
              reconciled,
              aggregate,
              key -> functions.function(key).map(LambdaFunction::tags).orElse(Map.of()));
      if (format.equals("json")) {
        out.println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
      } else {
        table(out, reconciled);
      }
      out.flush();
      return 0;
    } catch (DatabaseUnavailableException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
  }

  /** Totals, the causes, then one row per function, the largest variance first. */
  private static void table(PrintWriter out, ReconciledMonth month) {
    ReconciledItem total = month.total();
    out.printf(
        "%s (billed %s to %s): estimated %s, billed %s, net %s USD; variance %s (%s %%)%n",
        month.month(),
        month.billedFrom(),
        month.billedThrough(),
        total.estimated(),
        total.billed(),
        total.net(),
        total.variance(),
        total.variancePercent() == null ? "-" : total.variancePercent());
    for (VarianceCause cause : VarianceCause.values()) {
      out.printf("  %-16s %12s%n", cause.name(), total.explained().get(cause));
    }
    out.println();
    out.printf(
        "%-64s %12s %12s %12s  %s%n",
        "FUNCTION", "ESTIMATED", "BILLED", "VARIANCE", "LARGEST CAUSE");
    List<ReconciledMonth.Reconciled> rows = new ArrayList<>(month.functions());
    rows.sort(
        Comparator.comparing(
            (ReconciledMonth.Reconciled r) -> r.amounts().variance().abs(),
            Comparator.reverseOrder()));
    for (ReconciledMonth.Reconciled r : rows) {
      ReconciledItem a = r.amounts();
      out.printf(
          "%-64s %12s %12s %12s  %s%n",
          r.unallocated() ? r.accountId() + " " + ReconciledMonth.UNALLOCATED : a.key(),
          a.estimated(),
          a.billed(),
          a.variance(),
          largestCause(a));
    }
    for (CostWarning w : month.warnings()) {
      out.println("warning " + w.code() + ": " + w.message());
    }
  }

  private static String largestCause(ReconciledItem item) {
    VarianceCause largest = null;
    BigDecimal amount = BigDecimal.ZERO;
    for (Map.Entry<VarianceCause, BigDecimal> e : item.explained().entrySet()) {
      if (e.getValue().abs().compareTo(amount) > 0) {
        largest = e.getKey();
        amount = e.getValue().abs();
      }
    }
    return largest == null ? "-" : largest.name() + " " + item.explained().get(largest);
  }
}
