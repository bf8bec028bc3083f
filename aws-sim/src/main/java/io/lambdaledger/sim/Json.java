package io.lambdaledger.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Plain JSON bodies (Lambda REST-JSON, JSON 1.1, control endpoints). */
final class Json {

  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The body as a JSON object; an empty body is an empty object. */
  static JsonNode read(byte[] body) {
    return readObject(MAPPER, body, "a JSON object", "JSON");
  }

  /**
   * A request body as an object, read by {@code mapper} (JSON or CBOR); an empty body is an empty
   * object. Anything else is refused as a validation error naming the {@code object} expected and
   * the {@code format}.
   */
  static JsonNode readObject(ObjectMapper mapper, byte[] body, String object, String format) {
    if (body == null || body.length == 0) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || !node.isObject()) {
        throw AwsException.validation("The request body is not " + object + ".");
      }
      return node;
    } catch (IOException e) {
      throw AwsException.validation("The request body is not valid " + format + ".");
    }
  }

  /** A member's text (CBOR or JSON tree alike), or null if absent or null. */
  static String text(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
