package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The rules of {@code redocly lint} (recommended, see {@code .redocly.yaml}) that this document has
 * broken before, checked in every build; {@code .ci/run} runs redocly itself as well.
 */
class OpenApiLintTest {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

  private final JsonNode document = read();

  private static JsonNode read() {
    try (InputStream in = OpenApiLintTest.class.getResourceAsStream("openapi.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Map.Entry<String, JsonNode>> operations() {
    List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          operations.add(Map.entry(operation.getKey() + " " + path.getKey(), operation.getValue()));
        }
      }
    }
    return operations;
  }

  @Test
  void every_operation_has_a_unique_operation_id_and_a_summary() {
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> operation : operations()) {
      JsonNode id = operation.getValue().get("operationId");
      if (id == null || id.asString().isBlank()) {
        problems.add(operation.getKey() + ": no operationId");
      } else if (!ids.add(id.asString())) {
        problems.add(operation.getKey() + ": operationId " + id.asString() + " is used twice");
      }
      if (!operation.getValue().has("summary")) {
        problems.add(operation.getKey() + ": no summary");
      }
    }
    assertThat(operations()).hasSizeGreaterThan(15);
    assertThat(problems).isEmpty();
  }

  @Test
  void every_operation_declares_a_4xx_response() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> operation : operations()) {
      boolean has4xx =
          operation.getValue().get("responses").propertyNames().stream()
              .anyMatch(status -> status.startsWith("4"));
      if (!has4xx) {
        problems.add(operation.getKey());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void every_path_template_parameter_is_declared() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> operation : operations()) {
      String path = operation.getKey().substring(operation.getKey().indexOf(' ') + 1);
      Set<String> declared = new HashSet<>();
      JsonNode parameters = operation.getValue().get("parameters");
      if (parameters != null) {
        parameters.forEach(
            p -> {
              if ("path".equals(p.get("in").asString())) {
                declared.add(p.get("name").asString());
              }
            });
      }
      Matcher template = TEMPLATE.matcher(path);
      while (template.find()) {
        if (!declared.contains(template.group(1))) {
          problems.add(operation.getKey() + ": {" + template.group(1) + "} not declared");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void every_required_property_of_a_schema_is_defined() {
    List<String> problems = new ArrayList<>();
    collectUndefinedRequired(document, "#", problems);
    assertThat(problems).isEmpty();
  }

  private static void collectUndefinedRequired(JsonNode node, String at, List<String> problems) {
    if (node.isObject()) {
      JsonNode required = node.get("required");
      if (required != null && required.isArray() && node.has("type")) {
        JsonNode properties = node.get("properties");
        for (JsonNode name : required) {
          if (properties == null || !properties.has(name.asString())) {
            problems.add(at + ": required " + name.asString() + " is not defined");
          }
        }
      }
      for (Map.Entry<String, JsonNode> child : node.properties()) {
        collectUndefinedRequired(child.getValue(), at + "/" + child.getKey(), problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUndefinedRequired(node.get(i), at + "/" + i, problems);
      }
    }
  }
}
