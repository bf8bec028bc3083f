package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import io.lambdaledger.core.pricing.Price;
import io.lambdaledger.core.pricing.PriceBasis;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.TierRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a price book as the AWS Price List renders {@code AWSLambda}: one product per SKU (tiered
 * duration is one SKU with a price dimension per tier), {@code terms.OnDemand.<sku>.<offer
 * term>.priceDimensions.<rate code>}, prices as 10-decimal strings, ranges as {@code "Inf"} when
 * open. The two free-tier products ({@code Global-Request}, {@code Global-Lambda-GB-Second},
 * location {@code Any}) are included.
 */
final class PriceListProducts {

  private static final String ON_DEMAND = "JRTCKXETXF";
  private static final String FREE_TIER_TERM = "A429C66SYZ";

  private PriceListProducts() {}

  static List<PriceListProduct> of(PriceBook book) {
    Map<String, List<Price>> bySku = new LinkedHashMap<>();
    for (Price price : book.prices()) {
      bySku.computeIfAbsent(price.sku(), k -> new ArrayList<>()).add(price);
    }
    List<PriceListProduct> products = new ArrayList<>();
    for (List<Price> dimensions : bySku.values()) {
      Price first = dimensions.get(0);
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("servicecode", PricingService.SERVICE_CODE);
      attributes.put("servicename", "AWS Lambda");
      attributes.put("productFamily", "Serverless");
      attributes.put("usagetype", first.usageType());
      attributes.put("location", first.location());
      attributes.put("locationType", "AWS Region");
      attributes.put("regionCode", first.region());
      attributes.put("group", first.group().awsGroup(first.architecture()));
      attributes.put("groupDescription", description(first.group(), first.architecture()));
      attributes.put("operation", "");
      products.add(product(book, first.sku(), attributes, dimensions));
    }
    FreeTierAllowance free = book.freeTier();
    products.add(
        freeProduct(
            book,
            free.requestSku(),
            "Global-Request",
            "AWS-Lambda-Requests",
            "Requests",
            BigDecimal.valueOf(free.requests()),
            "AWS Lambda - Requests Free Tier - " + free.requests() + " Requests"));
    products.add(
        freeProduct(
            book,
            free.gbSecondSku(),
            "Global-Lambda-GB-Second",
            "AWS-Lambda-Duration",
            "seconds",
            free.gbSeconds(),
            "AWS Lambda - Compute Free Tier - "
                + free.gbSeconds().toPlainString()
                + " GB-Seconds"));
    return List.copyOf(products);
  }

  private static PriceListProduct freeProduct(
      PriceBook book,
      String sku,
      String usageType,
      String group,
      String unit,
      BigDecimal allowance,
      String description) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("servicecode", PricingService.SERVICE_CODE);
    attributes.put("servicename", "AWS Lambda");
    attributes.put("productFamily", "Serverless");
    attributes.put("usagetype", usageType);
    attributes.put("location", "Any");
    attributes.put("locationType", "AWS Region");
    attributes.put("group", group);
    attributes.put("groupDescription", "Free tier");
    attributes.put("operation", "");
    Price dimension =
        new Price(
            "global",
            "Any",
            usageType,
            usageType.contains("Request") ? PriceGroup.REQUESTS : PriceGroup.DURATION,
            Architecture.X86_64,
            new TierRange(BigDecimal.ZERO, allowance),
            BigDecimal.ZERO,
            unit,
            sku,
            sku + "." + FREE_TIER_TERM + ".FREETIER00",
            description,
            PriceBasis.PUBLISHED);
    return product(book, sku, attributes, List.of(dimension), FREE_TIER_TERM);
  }

  private static PriceListProduct product(
      PriceBook book, String sku, Map<String, String> attributes, List<Price> dimensions) {
    return product(book, sku, attributes, dimensions, ON_DEMAND);
  }

  private static PriceListProduct product(
      PriceBook book,
      String sku,
      Map<String, String> attributes,
      List<Price> dimensions,
      String offerTerm) {
    ObjectNode root = Json.object();
    ObjectNode product = root.putObject("product");
    product.put("productFamily", attributes.get("productFamily"));
    ObjectNode attributeNode = product.putObject("attributes");
    attributes.forEach(
        (key, value) -> {
          if (!key.equals("productFamily")) {
            attributeNode.put(key, value);
          }
        });
    product.put("sku", sku);
    root.put("serviceCode", PricingService.SERVICE_CODE);
    ObjectNode term =
        root.putObject("terms").putObject("OnDemand").putObject(sku + "." + offerTerm);
    ObjectNode priceDimensions = term.putObject("priceDimensions");
    for (Price price : dimensions) {
      String rateCode =
          price.rateCode().isEmpty() ? sku + "." + offerTerm + "." + sku : price.rateCode();
      ObjectNode d = priceDimensions.putObject(rateCode);
      d.put("unit", price.unit());
      d.put("endRange", price.range().end() == null ? "Inf" : price.range().end().toPlainString());
      d.put("description", price.description());
      d.putArray("appliesTo");
      d.put("rateCode", rateCode);
      d.put("beginRange", price.range().begin().toPlainString());
      d.putObject("pricePerUnit").put("USD", price.unitPrice().setScale(10).toPlainString());
    }
    term.put("sku", sku);
    term.put("effectiveDate", book.effectiveDate() + "T00:00:00Z");
    term.put("offerTermCode", offerTerm);
    term.putObject("termAttributes");
    root.put("version", book.version());
    root.put("publicationDate", book.effectiveDate() + "T00:00:00Z");
    return new PriceListProduct(attributes, Json.string(root));
  }

  private static String description(PriceGroup group, Architecture architecture) {
    String arm = architecture == Architecture.ARM64 ? " on Arm" : "";
    return switch (group) {
      case REQUESTS -> "Invocation call for a Lambda function" + arm;
      case DURATION -> "Compute time used by a Lambda function" + arm;
      case EPHEMERAL_STORAGE -> "Ephemeral storage above 512 MB used by a Lambda function" + arm;
      case PROVISIONED_CONCURRENCY ->
          "Provisioned concurrency configured for a Lambda function" + arm;
      case PROVISIONED_DURATION ->
          "Compute time used by a Lambda function on provisioned concurrency" + arm;
    };
  }
}
