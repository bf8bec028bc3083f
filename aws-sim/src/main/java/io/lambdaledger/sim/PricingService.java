package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AWS Price List Query API (JSON 1.1, {@code AWSPriceListService.<Op>}): GetProducts with
 * filters and paging (at most 100 per page; each PriceList item is a JSON document sent as a
 * string), DescribeServices and GetAttributeValues, answered from the bundled price book.
 */
final class PricingService {

  static final String TARGET_PREFIX = "AWSPriceListService.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String SERVICE_CODE = "AWSLambda";
  private static final int MAX_RESULTS = 100;

  private final List<PriceListProduct> products;

  PricingService(List<PriceListProduct> products) {
    this.products = List.copyOf(products);
  }

  SimResponse handle(Call call) {
    JsonNode input = Json.read(call.body());
    ObjectNode body =
        switch (call.operation()) {
          case "GetProducts" -> getProducts(input);
          case "DescribeServices" -> describeServices(input);
          case "GetAttributeValues" -> getAttributeValues(input);
          default -> throw AwsException.unknownOperation(call.operation());
        };
    return SimResponse.ok(CONTENT_TYPE, Json.bytes(body));
  }

  private ObjectNode getProducts(JsonNode input) {
    String serviceCode = Json.text(input, "ServiceCode");
    if (serviceCode == null) {
      throw AwsException.invalidParameter("ServiceCode is required");
    }
    String formatVersion = Json.text(input, "FormatVersion");
    if (formatVersion != null && !formatVersion.equals("aws_v1")) {
      throw AwsException.invalidParameter("Unsupported FormatVersion: " + formatVersion);
    }
    List<PriceListProduct> matching = new ArrayList<>();
    if (serviceCode.equals(SERVICE_CODE)) {
      for (PriceListProduct product : products) {
        if (matches(product, input.path("Filters"))) {
          matching.add(product);
        }
      }
    }
    int maxResults = maxResults(input);
    long fingerprint = PageToken.fingerprint(serviceCode + '|' + input.path("Filters"));
    int offset = offset(input, fingerprint, matching.size());
    int end = Math.min(matching.size(), offset + maxResults);
    ObjectNode result = Json.object();
    result.put("FormatVersion", "aws_v1");
    ArrayNode priceList = result.putArray("PriceList");
    for (PriceListProduct product : matching.subList(offset, end)) {
      priceList.add(product.json());
    }
    if (end < matching.size()) {
      result.put("NextToken", PageToken.encode(end, fingerprint));
    }
    return result;
  }

  private static boolean matches(PriceListProduct product, JsonNode filters) {
    for (JsonNode filter : filters) {
      String type = Json.text(filter, "Type");
      String field = Json.text(filter, "Field");
      String value = Json.text(filter, "Value");
      if (type == null || field == null || value == null) {
        throw AwsException.invalidParameter("Each filter needs Type, Field and Value");
      }
      String actual =
          field.equalsIgnoreCase("ServiceCode") ? SERVICE_CODE : product.attributes().get(field);
      boolean ok =
          switch (type) {
            case "TERM_MATCH", "EQUALS" -> value.equals(actual);
            case "CONTAINS" ->
                actual != null
                    && actual.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
            case "ANY_OF" -> actual != null && List.of(value.split(",")).contains(actual);
            case "NONE_OF" -> actual == null || !List.of(value.split(",")).contains(actual);
            default -> throw AwsException.invalidParameter("Unknown filter type: " + type);
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private ObjectNode describeServices(JsonNode input) {
    String serviceCode = Json.text(input, "ServiceCode");
    ObjectNode result = Json.object();
    result.put("FormatVersion", "aws_v1");
    ArrayNode services = result.putArray("Services");
    if (serviceCode == null || serviceCode.equals(SERVICE_CODE)) {
      ObjectNode service = services.addObject();
      service.put("ServiceCode", SERVICE_CODE);
      ArrayNode names = service.putArray("AttributeNames");
      attributeNames().forEach(names::add);
    }
    return result;
  }

  private ObjectNode getAttributeValues(JsonNode input) {
    String serviceCode = Json.text(input, "ServiceCode");
    String attribute = Json.text(input, "AttributeName");
    if (serviceCode == null || attribute == null) {
      throw AwsException.invalidParameter("ServiceCode and AttributeName are required");
    }
    if (!serviceCode.equals(SERVICE_CODE)) {
      throw AwsException.notFound("Service not found: " + serviceCode);
    }
    Set<String> values = new TreeSet<>();
    for (PriceListProduct product : products) {
      String value = product.attributes().get(attribute);
      if (value != null) {
        values.add(value);
      }
    }
    List<String> all = List.copyOf(values);
    long fingerprint = PageToken.fingerprint(serviceCode + '|' + attribute);
    int offset = offset(input, fingerprint, all.size());
    int end = Math.min(all.size(), offset + maxResults(input));
    ObjectNode result = Json.object();
    ArrayNode list = result.putArray("AttributeValues");
    for (String value : all.subList(offset, end)) {
      list.addObject().put("Value", value);
    }
    if (end < all.size()) {
      result.put("NextToken", PageToken.encode(end, fingerprint));
    }
    return result;
  }

  private Set<String> attributeNames() {
    Set<String> names = new TreeSet<>();
    products.forEach(p -> names.addAll(p.attributes().keySet()));
    return names;
  }

  private static int maxResults(JsonNode input) {
    JsonNode max = input.get("MaxResults");
    if (max == null || max.isNull()) {
      return MAX_RESULTS;
    }
    int value = max.asInt();
    if (value < 1 || value > MAX_RESULTS) {
      throw AwsException.invalidParameter("MaxResults must be between 1 and 100");
    }
    return value;
  }

  private static int offset(JsonNode input, long fingerprint, int size) {
    String token = Json.text(input, "NextToken");
    if (token == null) {
      return 0;
    }
    int offset = (int) PageToken.decode(token, 2, fingerprint)[0];
    if (offset < 0 || offset > size) {
      throw AwsException.invalidNextToken();
    }
    return offset;
  }

  private static final JsonRpcErrors.Codes ERRORS =
      new JsonRpcErrors.Codes(
          "ThrottlingException",
          "InternalErrorException",
          "InvalidNextTokenException",
          "NotFoundException");

  static SimResponse error(AwsException e) {
    return JsonRpcErrors.render(e, ERRORS.of(e), CONTENT_TYPE);
  }
}
