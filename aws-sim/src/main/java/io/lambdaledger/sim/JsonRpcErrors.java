package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** AWS JSON 1.0/1.1 error bodies: {@code {"__type": "<Code>", "message": "…"}}. */
final class JsonRpcErrors {

  private JsonRpcErrors() {}

  static SimResponse render(AwsException e, String type, String contentType) {
    int status =
        switch (e.kind()) {
          case INTERNAL -> 500;
          case ACCESS_DENIED -> 403;
          default -> 400;
        };
    ObjectNode body = Json.object();
    body.put("__type", type);
    body.put("message", e.getMessage());
    return new SimResponse(status, contentType, Map.of("x-amzn-ErrorType", type), Json.bytes(body));
  }
}
