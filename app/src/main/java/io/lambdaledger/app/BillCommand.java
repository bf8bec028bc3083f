package io.lambdaledger.app;

import io.lambdaledger.billing.BillImportException;
import io.lambdaledger.billing.BillImporter;
import io.lambdaledger.billing.ImportResult;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code lambda-ledger bill}: the real bill, from AWS Data Exports. */
@Command(
    name = "bill",
    mixinStandardHelpOptions = true,
    description =
        "The real bill: imports AWS Data Exports (CUR 2.0, FOCUS 1.2). See docs/billing-data.md.",
    subcommands = {BillCommand.Import.class})
final class BillCommand implements Runnable {

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code bill import}: reads one or more exports' billing periods into the database. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Imports Lambda's lines of AWS Data Exports (CUR 2.0 with resource ids, or FOCUS 1.2;"
            + " CSV+GZIP or Parquet) from S3.",
        "A billing period already imported at the same version is skipped; a restated one"
            + " replaces it whole."
      })
  static final class Import implements java.util.concurrent.Callable<Integer> {

    @ParentCommand BillCommand bill;
    @Spec CommandSpec spec;

    @Option(
        names = "--export",
        required = true,
        paramLabel = "s3://BUCKET/PREFIX/EXPORT-NAME",
        description = "The export's folder (repeatable: one per export or payer).")
    List<String> exports = new ArrayList<>();

    @Option(
        names = "--month",
        paramLabel = "YYYY-MM",
        description = "Only this billing period; default: every period the export holds.")
    String month;

    @Override
    public Integer call() {
      YearMonth period = parseMonth(month);
      Main main = bill.main;
      PrintWriter out = spec.commandLine().getOut();
      try (Database database = Databases.open(main.config().database());
          S3Client s3 = S3Clients.create(main.environment())) {
        BillImporter importer =
            new BillImporter(s3, new BillStore(database.dsl()), Clock.systemUTC());
        for (String export : exports) {
          for (ImportResult r : importer.importExport(export, period)) {
            out.printf(
                "%s %s: %s (%s, version %s): %d lines stored, billed %s USD%n",
                r.exportUri(),
                r.billingPeriod(),
                r.outcome().name().toLowerCase(java.util.Locale.ROOT),
                r.table(),
                r.version(),
                r.storedLines(),
                r.billedTotal().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
          }
        }
      } catch (BillImportException e) {
        if (e.badInput()) {
          throw new UsageException(e.getMessage());
        }
        throw new UserFacingException(e.getMessage(), e);
      }
      out.flush();
      return 0;
    }

    private static YearMonth parseMonth(String month) {
      if (month == null) {
        return null;
      }
      try {
        return YearMonth.parse(month);
      } catch (DateTimeParseException e) {
        throw new UsageException("--month must be YYYY-MM, got: " + month);
      }
    }
  }
}
