package io.lambdaledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /collections}: starting a collection cycle and listing past runs. */
final class CollectionsController {

  private final CollectionTrigger trigger;
  private final ObjectMapper mapper;

  CollectionsController(CollectionTrigger trigger, ObjectMapper mapper) {
    this.trigger = trigger;
    this.mapper = mapper;
  }

  /** POST: the body is optional; when present it must be a JSON object (no fields yet). */
  void start(Context ctx) {
    requireEmptyObjectOrNothing(ctx.body());
    CollectionTrigger.CollectionStarted started = trigger.start();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("started", started.started());
    body.put("id", started.id());
    body.put("at", started.at() == null ? null : started.at().toString());
    body.put("message", started.message());
    ctx.status(started.started() ? 202 : 200).json(body);
  }

  private void requireEmptyObjectOrNothing(String body) {
    if (body == null || body.isBlank()) {
      return;
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (IOException e) {
      throw ApiProblem.badRequest("the request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.badRequest("the request body must be a JSON object");
    }
    if (node.size() > 0) {
      String field = node.fieldNames().next();
      throw ApiProblem.badParameter(field, "unknown field '" + WindowParser.shorten(field) + "'");
    }
  }
}
