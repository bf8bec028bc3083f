package io.lambdaledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import io.lambdaledger.core.pricing.Price;
import io.lambdaledger.core.pricing.PriceBasis;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.TierRange;
import io.lambdaledger.core.pricing.UsageTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * Reads the current Lambda prices with the Price List Query API ({@code GetProducts}, service code
 * {@code AWSLambda}, 100 products a page) and turns them into a {@link PriceBook}. Usage types are
 * matched by suffix ({@link UsageTypes}); products that are not one of the five priced groups (free
 * tier, Lambda@Edge, response streaming…) are skipped. A region whose prices are incomplete is left
 * out with a note, so the book never holds half a region.
 */
final class PriceListLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  /** What a load found. */
  record Result(PriceBook book, int products, List<String> skippedRegions) {}

  private final PricingClient pricing;

  PriceListLoader(PricingClient pricing) {
    this.pricing = pricing;
  }

  /**
   * Loads every Lambda price.
   *
   * @param now when the load happens: it names the version; the version takes effect on the first
   *     day of that month (months before keep the version that was in force then)
   * @param progress told the running count of products read, once a page
   */
  Result load(Instant now, Consumer<Integer> progress) {
    Map<String, List<Price>> byRegion = new TreeMap<>();
    int products = 0;
    GetProductsRequest request =
        GetProductsRequest.builder()
            .serviceCode("AWSLambda")
            .formatVersion("aws_v1")
            .maxResults(100)
            .build();
    for (GetProductsResponse page : pricing.getProductsPaginator(request)) {
      for (String item : page.priceList()) {
        products++;
        for (Price price : prices(item)) {
          byRegion.computeIfAbsent(price.region(), r -> new ArrayList<>()).add(price);
        }
      }
      progress.accept(products);
    }
    String version = "aws-" + VERSION_TIME.format(now);
    LocalDate effective = YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1);
    String source = "AWS Price List Query API GetProducts AWSLambda, read " + now;
    List<Price> complete = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    byRegion.forEach(
        (region, prices) -> {
          try {
            new PriceBook(version, effective, source, FreeTierAllowance.STANDARD, prices);
            complete.addAll(prices);
          } catch (IllegalArgumentException e) {
            skipped.add(region + " (" + e.getMessage() + ")");
          }
        });
    if (complete.isEmpty()) {
      throw new UserFacingException(
          "prices refresh: GetProducts returned no complete Lambda price list ("
              + products
              + " products read)");
    }
    PriceBook book =
        new PriceBook(version, effective, source, FreeTierAllowance.STANDARD, complete);
    return new Result(book, products, skipped);
  }

  /** The priced dimensions of one {@code PriceList} item (a JSON document in a string). */
  static List<Price> prices(String item) {
    JsonNode product;
    try {
      product = JSON.readTree(item);
    } catch (IOException e) {
      throw new UncheckedIOException("GetProducts returned an item that is not JSON", e);
    }
    JsonNode attributes = product.path("product").path("attributes");
    String usageType = attributes.path("usagetype").asText("");
    String region = attributes.path("regionCode").asText("");
    boolean priced = UsageTypes.parse(usageType).filter(t -> !t.isFreeTier()).isPresent();
    if (!priced || region.isEmpty()) {
      return List.of();
    }
    String location = attributes.path("location").asText("");
    String sku = product.path("product").path("sku").asText("");
    List<Price> prices = new ArrayList<>();
    for (JsonNode term : product.path("terms").path("OnDemand")) {
      for (JsonNode dimension : term.path("priceDimensions")) {
        String usd = dimension.path("pricePerUnit").path("USD").asText("");
        if (usd.isEmpty()) {
          continue;
        }
        TierRange range =
            TierRange.parse(
                dimension.path("beginRange").asText("0"), dimension.path("endRange").asText("Inf"));
        prices.add(
            Price.fromUsageType(
                region,
                location,
                usageType,
                range,
                new BigDecimal(usd),
                dimension.path("unit").asText(""),
                sku,
                dimension.path("rateCode").asText(""),
                dimension.path("description").asText(""),
                PriceBasis.PUBLISHED));
      }
    }
    return prices;
  }
}
