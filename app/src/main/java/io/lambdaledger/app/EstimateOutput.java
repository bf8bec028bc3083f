package io.lambdaledger.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lambdaledger.core.cost.Charges;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Renders an estimate as a table for people or as the stable JSON document. */
final class EstimateOutput {

  private EstimateOutput() {}

  /**
   * The JSON contract: {@code currency}, {@code priceVersion}, {@code total}, {@code charges} (one
   * string per component), {@code freeTier} ({@code requests} number, {@code gbSeconds} string),
   * {@code functions} ({@code name}, {@code total}, {@code charges}) and {@code warnings}. Money is
   * a string with two decimals.
   */
  static String json(CostReport report) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("currency", report.currency());
    root.put("priceVersion", report.priceVersion());
    root.put("total", money(report.total()));
    root.set("charges", charges(mapper, report.charges()));
    ObjectNode freeTier = root.putObject("freeTier");
    freeTier.put("requests", report.freeTier().requests().longValueExact());
    freeTier.put("gbSeconds", plain(report.freeTier().gbSeconds()));
    ArrayNode functions = root.putArray("functions");
    for (LineCost line : report.lines()) {
      ObjectNode function = functions.addObject();
      function.put("name", line.line().function());
      function.put("total", money(line.total()));
      function.set("charges", charges(mapper, line.charges()));
    }
    ArrayNode warnings = root.putArray("warnings");
    report.warnings().forEach(warning -> warnings.add(warning.message()));
    try {
      return mapper.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table with one row per function, a total row, the free tier and the warnings. */
  static String table(CostReport report, PriceBook book, boolean freeTierOn) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "FUNCTION",
          "REGION",
          "ARCH",
          "MEMORY",
          "REQUESTS",
          "REQUESTS $",
          "DURATION $",
          "STORAGE $",
          "PROV. CONC. $",
          "PROV. DURATION $",
          "TOTAL $"
        });
    for (LineCost line : report.lines()) {
      rows.add(
          row(
              line.line().function(),
              line.line().region(),
              line.line().architecture().id(),
              line.line().memoryMb() + " MB",
              String.format("%,d", line.line().totalRequests()),
              line.charges(),
              line.total()));
    }
    rows.add(row("TOTAL", "", "", "", "", report.charges(), report.total()));
    StringBuilder out = new StringBuilder();
    out.append("Lambda cost estimate for one month, USD (prices ")
        .append(book.version())
        .append(", effective ")
        .append(book.effectiveDate())
        .append(")")
        .append(System.lineSeparator())
        .append(System.lineSeparator());
    appendColumns(out, rows);
    out.append(System.lineSeparator());
    if (freeTierOn) {
      out.append(
          String.format(
              "Free tier applied: %,d requests and %s GB-s (worth $%s)%n",
              report.freeTier().requests().longValueExact(),
              grouped(report.freeTier().gbSeconds()),
              money(report.freeTier().credit())));
    } else {
      out.append("Free tier: not applied (--no-free-tier)").append(System.lineSeparator());
    }
    for (CostWarning warning : report.warnings()) {
      out.append("Warning: ").append(warning.message()).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String[] row(
      String name,
      String region,
      String architecture,
      String memory,
      String requests,
      Charges charges,
      BigDecimal total) {
    return new String[] {
      name,
      region,
      architecture,
      memory,
      requests,
      money(charges.get(PriceGroup.REQUESTS)),
      money(charges.get(PriceGroup.DURATION)),
      money(charges.get(PriceGroup.EPHEMERAL_STORAGE)),
      money(charges.get(PriceGroup.PROVISIONED_CONCURRENCY)),
      money(charges.get(PriceGroup.PROVISIONED_DURATION)),
      money(total)
    };
  }

  /** Left-aligns text columns, right-aligns the numeric ones (from REQUESTS on). */
  private static void appendColumns(StringBuilder out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String format = c < 4 ? "%-" + width[c] + "s" : "%" + width[c] + "s";
        line.append(String.format(format, row[c]));
        if (c < columns - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
  }

  private static ObjectNode charges(ObjectMapper mapper, Charges charges) {
    ObjectNode node = mapper.createObjectNode();
    for (PriceGroup group : PriceGroup.values()) {
      node.put(group.key(), money(charges.get(group)));
    }
    return node;
  }

  static String money(BigDecimal amount) {
    return io.lambdaledger.core.cost.Money.text(amount);
  }

  /** A quantity for people: thousands separators, up to six decimals. */
  static String grouped(BigDecimal value) {
    java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0.######");
    format.setRoundingMode(java.math.RoundingMode.HALF_UP);
    return format.format(value);
  }

  private static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }
}
