package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** AWS JSON 1.0/1.1 error bodies: {@code {"__type": "<Code>", "message": "…"}}. */
final class JsonRpcErrors {

  private JsonRpcErrors() {}

  static SimResponse render(AwsException e, String type, String contentType) {
    int status = e.status();
    ObjectNode body = Json.object();
    body.put("__type", type);
    body.put("message", e.getMessage());
    return new SimResponse(status, contentType, Map.of("x-amzn-ErrorType", type), Json.bytes(body));
  }

  /**
   * One service's error codes for the kinds whose code differs between services (null: the kind has
   * no code of its own there and is an {@code InvalidParameterException}); access denied and an
   * unknown operation have the codes all of them share, every other kind is an invalid parameter.
   */
  record Codes(String throttling, String internal, String invalidNextToken, String notFound) {

    String of(AwsException e) {
      String code =
          switch (e.kind()) {
            case THROTTLING -> throttling;
            case INTERNAL -> internal;
            case INVALID_NEXT_TOKEN -> invalidNextToken;
            case NOT_FOUND -> notFound;
            case UNKNOWN_OPERATION -> "UnknownOperationException";
            case ACCESS_DENIED -> "AccessDeniedException";
            default -> null;
          };
      return code == null ? "InvalidParameterException" : code;
    }
  }
}
