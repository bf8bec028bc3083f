package io.lambdaledger.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An export execution's {@code <export>-Manifest.json}: its id, the billing period, the columns and
 * the data files. A new execution id is a new version of the period (a refresh or restatement).
 *
 * @param version the execution id, with the export time when the manifest has one
 * @param table {@link ExportTable} the columns say it is
 * @param dataFiles {@code s3://} URIs
 */
record Manifest(
    String object,
    String billingPeriod,
    String version,
    ExportTable table,
    Set<String> columns,
    List<String> dataFiles) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Manifest parse(String object, String billingPeriod, byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw BillImportException.badInput(object + ": not a JSON manifest (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw BillImportException.badInput(object + ": not a JSON manifest");
    }
    String id = text(root, "executionId");
    if (id.isEmpty()) {
      id = text(root, "assemblyId");
    }
    if (id.isEmpty()) {
      throw BillImportException.badInput(object + ": manifest has no executionId");
    }
    String time = text(root, "exportTime");
    Set<String> columns = new LinkedHashSet<>();
    for (JsonNode c : root.path("columns")) {
      columns.add(c.isTextual() ? c.asText() : text(c, "name"));
    }
    List<String> files = new ArrayList<>();
    for (JsonNode f : root.path("dataFiles")) {
      files.add(f.asText());
    }
    if (files.isEmpty()) {
      throw BillImportException.badInput(object + ": manifest lists no dataFiles");
    }
    ExportTable table = ExportTable.of(object, columns);
    return new Manifest(
        object,
        billingPeriod,
        time.isEmpty() ? id : id + "@" + time,
        table,
        columns,
        List.copyOf(files));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }
}
