package io.lambdaledger.sim;

import java.util.Map;

/** An answer to write back: status, content type, extra headers and body. */
record SimResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

  static SimResponse ok(String contentType, byte[] body) {
    return new SimResponse(200, contentType, Map.of(), body);
  }
}
