package io.lambdaledger.app;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lambda-ledger estimate}: prices a what-if month with the latest price book. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prices a what-if month of Lambda usage, the way AWS bills it.",
      "One function from the flags, or several from --input FILE (JSON).",
      "Exit code 2 for bad input, with one line naming the field."
    })
public final class EstimateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--region", paramLabel = "REGION", description = "Region code, e.g. us-east-1.")
  private String region;

  @Option(names = "--architecture", paramLabel = "ARCH", description = "x86_64 (default) or arm64.")
  private String architecture;

  @Option(names = "--memory-mb", paramLabel = "MB", description = "Memory, 128-10240 MB.")
  private String memoryMb;

  @Option(names = "--requests", paramLabel = "N", description = "Requests in the month.")
  private String requests;

  @Option(
      names = "--avg-duration-ms",
      paramLabel = "MS",
      description = "Average billed duration of a request, in ms.")
  private String averageDurationMs;

  @Option(
      names = "--ephemeral-mb",
      paramLabel = "MB",
      description = "Ephemeral storage, 512 (default) to 10240 MB.")
  private String ephemeralMb;

  @Option(
      names = "--no-free-tier",
      description = "Price as if the monthly free tier were already used.")
  private boolean noFreeTier;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "JSON scenario with several functions (see docs/cost-model.md).")
  private Path input;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default) or json.")
  private String format;

  private final Supplier<PriceBooks> priceBooks;

  /** Uses the bundled price book. */
  public EstimateCommand() {
    this(PriceBooks::bundled);
  }

  /** Uses the price books {@code priceBooks} supplies (for example the stored versions). */
  public EstimateCommand(Supplier<PriceBooks> priceBooks) {
    this.priceBooks = priceBooks;
  }

  /**
   * Prints the estimate.
   *
   * @throws UsageException for bad input (exit code 2, one line naming the field)
   */
  @Override
  public Integer call() {
    boolean json = json(format);
    PriceBooks books = priceBooks.get();
    PriceBook book = books.latest();
    EstimateScenario scenario = scenario(new EstimateInput(book));
    CostOptions options = scenario.freeTier() ? CostOptions.DEFAULT : CostOptions.WITHOUT_FREE_TIER;
    CostReport report = new CostEngine(books).price(book, scenario.usageLines(), options);
    spec.commandLine()
        .getOut()
        .print(
            json
                ? EstimateOutput.json(report)
                : EstimateOutput.table(report, book, scenario.freeTier()));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private EstimateScenario scenario(EstimateInput reader) {
    if (input == null) {
      return reader.fromFlags(
          region, architecture, memoryMb, requests, averageDurationMs, ephemeralMb, !noFreeTier);
    }
    if (region != null
        || architecture != null
        || memoryMb != null
        || requests != null
        || averageDurationMs != null
        || ephemeralMb != null) {
      throw new UsageException(
          "--input: give the functions either in the file or with the flags, not both");
    }
    EstimateScenario scenario = reader.readFile(input);
    return noFreeTier ? new EstimateScenario(false, scenario.functions()) : scenario;
  }

  private static boolean json(String format) {
    return switch (format) {
      case "json" -> true;
      case "table" -> false;
      default -> throw new UsageException("--format: expected table or json, was '" + format + "'");
    };
  }
}
