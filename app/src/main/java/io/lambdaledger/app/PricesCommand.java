package io.lambdaledger.app;

import io.lambdaledger.core.pricing.Price;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.PriceBookStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pricing.PricingClient;

/**
 * {@code lambda-ledger prices}: the Lambda price book. {@code show} prints the book in force; where
 * the books come from is the {@link Supplier} given to the constructor (the bundled snapshot by
 * default; stored versions once {@code prices refresh} has run).
 */
@Command(
    name = "prices",
    mixinStandardHelpOptions = true,
    description = "Shows the Lambda price book used to price usage.")
public final class PricesCommand implements Runnable {

  @Spec private CommandSpec spec;
  @ParentCommand private Main main;

  private final Supplier<PriceBooks> priceBooks;
  private final Clock clock;

  /** Uses the bundled price book and the versions stored in the configured database. */
  public PricesCommand() {
    this.priceBooks = null;
    this.clock = Clock.systemUTC();
  }

  /**
   * @param priceBooks the known price-book versions (called only when a subcommand runs)
   * @param clock decides which month is "now"
   */
  public PricesCommand(Supplier<PriceBooks> priceBooks, Clock clock) {
    this.priceBooks = priceBooks;
    this.clock = clock;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Prints the book in force.
   *
   * @throws UsageException for an unknown region or a bad month (exit code 2)
   */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints the price book in force (this month unless --month is given).")
  int show(
      @Option(names = "--region", paramLabel = "REGION", description = "Only this region.")
          String region,
      @Option(
              names = "--month",
              paramLabel = "YYYY-MM",
              description = "Month to show the book for.")
          String month) {
    YearMonth when;
    try {
      when = month == null ? YearMonth.now(clock) : YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new UsageException("--month: expected YYYY-MM, was '" + month + "'");
    }
    PriceBook book;
    try {
      book = books().inForce(when);
    } catch (NoSuchElementException e) {
      throw new UsageException("--month: " + e.getMessage());
    }
    if (region != null && !book.hasRegion(region)) {
      throw new UsageException(
          "--region: unknown region '"
              + region
              + "' (known: "
              + String.join(", ", book.regions())
              + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(table(book, region == null ? book.prices() : book.prices(region)));
    out.flush();
    return 0;
  }

  /**
   * Loads the current prices from the AWS Price List API and stores them as a new version.
   *
   * @throws UserFacingException when the API or the database cannot be reached (exit code 1)
   */
  @Command(
      name = "refresh",
      mixinStandardHelpOptions = true,
      description =
          "Loads current Lambda prices from the AWS Price List API (GetProducts) and stores them"
              + " as a new version, in force from the first day of this month.")
  int refresh() {
    PrintWriter out = spec.commandLine().getOut();
    PriceListLoader.Result result;
    try (PricingClient pricing = PricingClients.create(main.environment())) {
      result =
          new PriceListLoader(pricing)
              .load(
                  clock.instant(),
                  count -> {
                    out.printf("read %d products%n", count);
                    out.flush();
                  });
    } catch (SdkException e) {
      throw new UserFacingException(
          "prices refresh: the Price List API failed: " + e.getMessage(), e);
    }
    try (Database database = Databases.open(main.config().database())) {
      new PriceBookStore(database.dsl(), clock).save(result.book());
    }
    PriceBook book = result.book();
    out.printf(
        "Stored price book %s (%d prices, %d regions, effective %s) from %d products.%n",
        book.version(),
        book.prices().size(),
        book.regions().size(),
        book.effectiveDate(),
        result.products());
    for (String skipped : result.skippedRegions()) {
      out.println("Skipped incomplete region " + skipped);
    }
    out.flush();
    return 0;
  }

  private PriceBooks books() {
    if (priceBooks != null) {
      return priceBooks.get();
    }
    return StoredPriceBooks.load(main.config());
  }

  static String table(PriceBook book, List<Price> prices) {
    StringBuilder text = new StringBuilder();
    String newline = System.lineSeparator();
    text.append("Price book ")
        .append(book.version())
        .append(", effective ")
        .append(book.effectiveDate())
        .append(", USD")
        .append(newline)
        .append("Source: ")
        .append(book.source())
        .append(newline)
        .append(
            String.format(
                "Free tier: %,d requests and %s GB-s a month per payer, all regions and"
                    + " architectures%n",
                book.freeTier().requests(), EstimateOutput.grouped(book.freeTier().gbSeconds())))
        .append(newline);
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "REGION",
          "ARCH",
          "GROUP",
          "RANGE",
          "UNIT PRICE",
          "UNIT",
          "BASIS",
          "USAGE TYPE",
          "RATE CODE"
        });
    for (Price price : prices) {
      rows.add(
          new String[] {
            price.region(),
            price.architecture().id(),
            price.group().key(),
            price.range().toString(),
            price.unitPrice().toPlainString(),
            price.unit(),
            price.basis().id(),
            price.usageType(),
            price.rateCode()
          });
    }
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(String.format("%-" + width[c] + "s  ", row[c]));
      }
      text.append(line.toString().stripTrailing()).append(newline);
    }
    return text.toString();
  }
}
