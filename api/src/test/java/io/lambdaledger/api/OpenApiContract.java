package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates real responses against the server's own {@code /api/v1/openapi.json}: the response
 * schema for (method, path template, status, media type) is looked up in the document and checked
 * with a JSON Schema 2020-12 validator (the dialect OpenAPI 3.1 uses).
 */
final class OpenApiContract {

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonNode document;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  OpenApiContract(String openApiJson) {
    this.document = mapper.readTree(openApiJson);
    assertThat(document.path("openapi").asString()).startsWith("3.1");
  }

  /** The contract the server under test publishes at {@code /api/v1/openapi.json}. */
  static OpenApiContract servedBy(HttpTestClient http) {
    return new OpenApiContract(http.get("/api/v1/openapi.json").body());
  }

  /** GETs {@code pathAndQuery} as {@code token}, asserts the status, and checks the body. */
  JsonNode get(
      HttpTestClient http, String template, String pathAndQuery, String token, int status) {
    HttpResponse<String> response = http.get(pathAndQuery, token);
    assertThat(response.statusCode()).as("%s: %s", pathAndQuery, response.body()).isEqualTo(status);
    return check("GET", template, response);
  }

  /** Checks a received response against what the contract documents for its status. */
  JsonNode check(String method, String pathTemplate, HttpResponse<String> response) {
    return check(
        method,
        pathTemplate,
        response.statusCode(),
        HttpTestClient.contentType(response),
        response.body());
  }

  JsonNode document() {
    return document;
  }

  /** Asserts that the body validates against the documented schema; returns the parsed body. */
  JsonNode check(String method, String pathTemplate, int status, String contentType, String body) {
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
    String pointer =
        "/paths/"
            + escape(pathTemplate)
            + "/"
            + method.toLowerCase(Locale.ROOT)
            + "/responses/"
            + status;
    JsonNode response = document.at(pointer);
    if (response.isMissingNode()) {
      response = document.at(pointer.substring(0, pointer.lastIndexOf('/')) + "/default");
      pointer = pointer.substring(0, pointer.lastIndexOf('/')) + "/default";
    }
    assertThat(response.isMissingNode())
        .as("openapi.json documents %s %s -> %d", method, pathTemplate, status)
        .isFalse();
    if (response.has("$ref")) {
      pointer = response.get("$ref").asString().substring(1);
      response = document.at(pointer);
    }
    JsonNode media = response.path("content").path(mediaType);
    assertThat(media.isMissingNode())
        .as("openapi.json documents %s for %s %s -> %d", mediaType, method, pathTemplate, status)
        .isFalse();
    if (!mediaType.contains("json")) {
      return null;
    }
    ObjectNode root = ((ObjectNode) document).deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#" + pointer + "/content/" + escape(mediaType) + "/schema");
    Schema schema = registry.getSchema(root);
    List<Error> errors = schema.validate(body, InputFormat.JSON);
    assertThat(errors)
        .as(
            "%s %s -> %d validates against openapi.json; body: %s",
            method,
            pathTemplate,
            status,
            body.length() > 2000 ? body.substring(0, 2000) + "..." : body)
        .isEmpty();
    return mapper.readTree(body);
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
