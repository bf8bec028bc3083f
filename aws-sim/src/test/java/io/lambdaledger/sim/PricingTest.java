package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lambdaledger.core.pricing.Price;
import io.lambdaledger.core.pricing.PriceBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.AttributeValue;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/** The Price List Query API through the real Pricing SDK client (2.40.2, JSON 1.1). */
class PricingTest {

  static AwsSimulator sim;
  static PricingClient pricing;

  @BeforeAll
  static void start() {
    sim = AwsSimulator.start(TestSettings.at(Instant.parse("2026-11-20T12:00:00Z"), 5));
    pricing = Sdk.pricing(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    pricing.close();
    sim.close();
  }

  static Filter term(String field, String value) {
    return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
  }

  @Test
  void getProductsForARegionReturnsItsPricesAsPriceListDocuments() throws Exception {
    List<String> items = new ArrayList<>();
    pricing
        .getProductsPaginator(
            b -> b.serviceCode("AWSLambda").filters(term("regionCode", "us-east-1")).maxResults(4))
        .priceList()
        .forEach(items::add);
    assertThat(items).hasSize(10);

    Map<String, BigDecimal> fromWire = new HashMap<>();
    for (String item : items) {
      JsonNode product = Json.MAPPER.readTree(item);
      assertThat(product.path("product").path("productFamily").asText()).isEqualTo("Serverless");
      String usageType = product.path("product").path("attributes").path("usagetype").asText();
      JsonNode onDemand = product.path("terms").path("OnDemand");
      JsonNode term = onDemand.elements().next();
      assertThat(term.path("offerTermCode").asText()).isEqualTo("JRTCKXETXF");
      term.path("priceDimensions")
          .forEach(
              d ->
                  fromWire.put(
                      usageType + "@" + d.path("beginRange").asText(),
                      new BigDecimal(d.path("pricePerUnit").path("USD").asText())));
    }
    PriceBook book = PriceBook.bundled();
    for (Price price : book.prices("us-east-1")) {
      assertThat(fromWire.get(price.usageType() + "@" + price.range().begin().toPlainString()))
          .as(price.usageType())
          .isEqualByComparingTo(price.unitPrice());
    }
    assertThat(fromWire.get("Lambda-GB-Second@6000000000")).isEqualByComparingTo("0.0000150000");
  }

  @Test
  void filtersAreAndedAndEveryProductCanBePagedThrough() {
    GetProductsResponse one =
        pricing.getProducts(
            b ->
                b.serviceCode("AWSLambda")
                    .filters(term("regionCode", "eu-west-1"), term("usagetype", "EU-Request-ARM")));
    assertThat(one.priceList()).hasSize(1);
    assertThat(one.nextToken()).isNull();

    long all =
        pricing
            .getProductsPaginator(b -> b.serviceCode("AWSLambda").maxResults(100))
            .priceList()
            .stream()
            .count();
    // 10 products per Region (5 groups x 2 architectures) and the two free-tier products.
    assertThat(all).isEqualTo(10L * PriceBook.bundled().regions().size() + 2);
    assertThat(
            pricing
                .getProducts(
                    b -> b.serviceCode("AWSLambda").filters(term("usagetype", "Global-Request")))
                .priceList())
        .singleElement()
        .asString()
        .contains("\"endRange\":\"1000000\"");
  }

  @Test
  void attributeValuesListTheRegionsOfThePriceBook() {
    List<String> regions =
        pricing
            .getAttributeValuesPaginator(
                b -> b.serviceCode("AWSLambda").attributeName("regionCode"))
            .attributeValues()
            .stream()
            .map(AttributeValue::value)
            .toList();
    assertThat(regions).containsExactlyElementsOf(PriceBook.bundled().regions());
    assertThat(
            pricing
                .describeServices(b -> b.serviceCode("AWSLambda"))
                .services()
                .get(0)
                .attributeNames())
        .contains("regionCode", "usagetype", "group", "location");
  }
}
