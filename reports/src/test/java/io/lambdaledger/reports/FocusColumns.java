package io.lambdaledger.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * The FOCUS 1.2 columns the tests hold every FOCUS file to, written from the specification
 * (columns/*.md at v1.2), independently of the writer's own column list.
 */
final class FocusColumns {

  enum Type {
    STRING,
    DECIMAL,
    DATETIME,
    JSON
  }

  /** Every column the specification marks Mandatory, with its data type. */
  static final Map<String, Type> MANDATORY =
      Map.ofEntries(
          Map.entry("BilledCost", Type.DECIMAL),
          Map.entry("BillingAccountId", Type.STRING),
          Map.entry("BillingAccountName", Type.STRING),
          Map.entry("BillingCurrency", Type.STRING),
          Map.entry("BillingPeriodEnd", Type.DATETIME),
          Map.entry("BillingPeriodStart", Type.DATETIME),
          Map.entry("ChargeCategory", Type.STRING),
          Map.entry("ChargeClass", Type.STRING),
          Map.entry("ChargeDescription", Type.STRING),
          Map.entry("ChargePeriodEnd", Type.DATETIME),
          Map.entry("ChargePeriodStart", Type.DATETIME),
          Map.entry("ContractedCost", Type.DECIMAL),
          Map.entry("EffectiveCost", Type.DECIMAL),
          Map.entry("InvoiceIssuerName", Type.STRING),
          Map.entry("ListCost", Type.DECIMAL),
          Map.entry("PricingQuantity", Type.DECIMAL),
          Map.entry("PricingUnit", Type.STRING),
          Map.entry("ProviderName", Type.STRING),
          Map.entry("PublisherName", Type.STRING),
          Map.entry("ServiceCategory", Type.STRING),
          Map.entry("ServiceName", Type.STRING));

  /** Mandatory columns that may be empty (null) on a usage row. */
  static final Set<String> NULLABLE_MANDATORY = Set.of("ChargeClass");

  /** Conditional and recommended columns that apply to Lambda usage, with their types. */
  static final Map<String, Type> APPLICABLE =
      Map.ofEntries(
          Map.entry("ChargeFrequency", Type.STRING),
          Map.entry("ConsumedQuantity", Type.DECIMAL),
          Map.entry("ConsumedUnit", Type.STRING),
          Map.entry("ContractedUnitPrice", Type.DECIMAL),
          Map.entry("ListUnitPrice", Type.DECIMAL),
          Map.entry("PricingCategory", Type.STRING),
          Map.entry("RegionId", Type.STRING),
          Map.entry("RegionName", Type.STRING),
          Map.entry("ResourceId", Type.STRING),
          Map.entry("ResourceName", Type.STRING),
          Map.entry("ResourceType", Type.STRING),
          Map.entry("ServiceSubcategory", Type.STRING),
          Map.entry("SkuId", Type.STRING),
          Map.entry("SkuMeter", Type.STRING),
          Map.entry("SkuPriceDetails", Type.JSON),
          Map.entry("SkuPriceId", Type.STRING),
          Map.entry("SubAccountId", Type.STRING),
          Map.entry("SubAccountName", Type.STRING),
          Map.entry("Tags", Type.JSON));

  static final Set<String> CHARGE_CATEGORIES =
      Set.of("Usage", "Purchase", "Tax", "Credit", "Adjustment");
  static final Set<String> CHARGE_FREQUENCIES = Set.of("One-Time", "Recurring", "Usage-Based");
  static final Set<String> SERVICE_CATEGORIES =
      Set.of(
          "AI and Machine Learning",
          "Analytics",
          "Business Applications",
          "Compute",
          "Databases",
          "Developer Tools",
          "Multicloud",
          "Identity",
          "Integration",
          "Internet of Things",
          "Management and Governance",
          "Media",
          "Migration",
          "Mobile",
          "Networking",
          "Security",
          "Storage",
          "Web",
          "Other");

  private static final DateTimeFormatter FOCUS_DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
  private static final ObjectMapper JSON = new ObjectMapper();

  private FocusColumns() {}

  /** Asserts a record's cells have the types and allowed values FOCUS 1.2 gives them. */
  static void assertConforms(CSVRecord record) {
    MANDATORY.forEach(
        (column, type) -> {
          String value = record.get(column);
          if (!NULLABLE_MANDATORY.contains(column)) {
            assertThat(value).as(column).isNotEmpty();
          }
          assertType(column, value, type);
        });
    APPLICABLE.forEach((column, type) -> assertType(column, record.get(column), type));
    assertThat(record.get("ChargeCategory")).isIn(CHARGE_CATEGORIES);
    assertThat(record.get("ChargeClass")).isIn("", "Correction");
    assertThat(record.get("ChargeFrequency")).isIn(CHARGE_FREQUENCIES);
    assertThat(record.get("ServiceCategory")).isIn(SERVICE_CATEGORIES);
    assertThat(record.get("BillingCurrency")).matches("[A-Z]{3}");
  }

  static void assertType(String column, String value, Type type) {
    if (value.isEmpty()) {
      return;
    }
    switch (type) {
      case DECIMAL ->
          assertThatCode(() -> new BigDecimal(value))
              .as("%s=%s is a decimal", column, value)
              .doesNotThrowAnyException();
      case DATETIME ->
          assertThatCode(() -> FOCUS_DATETIME.parse(value))
              .as("%s=%s is an ISO 8601 UTC date-time", column, value)
              .doesNotThrowAnyException();
      case JSON -> assertThat(json(value).isObject()).as("%s is a JSON object", column).isTrue();
      case STRING -> assertThat(value).as(column).isNotBlank();
    }
    if (type == Type.DECIMAL) {
      assertThat(value).as(column + " is plain").doesNotContainAnyWhitespaces().doesNotContain("E");
    }
  }

  static JsonNode json(String value) {
    try {
      return JSON.readTree(value);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + value, e);
    }
  }
}
