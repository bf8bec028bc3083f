package io.lambdaledger.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body (the AWS Query protocol). */
final class FormBody {

  private FormBody() {}

  static Map<String, String> parse(byte[] body) {
    Map<String, String> params = new HashMap<>();
    if (body == null || body.length == 0) {
      return params;
    }
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
