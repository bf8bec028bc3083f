package io.lambdaledger.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before Javalin sees the request (headers too large, a malformed URI or
 * request line) as {@code application/problem+json} too, never an HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

  static final String PROBLEM_JSON = "application/problem+json";

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
    if (code == 400 || code == 413 || code == 431) {
      // Jetty does not keep the connection after a request it rejects as malformed (an ambiguous
      // or invalid URI, say): telling the client keeps it from reusing a connection about to close.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  // Jetty 12 still calls this for requests it rejects before any handler (bad URI, headers too
  // large); it is marked for removal without a replacement yet, hence the one suppression.
  @SuppressWarnings("removal")
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, PROBLEM_JSON));
    fields.put(new HttpField(HttpHeader.CONNECTION, "close"));
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int code, String message) {
    String title = HttpStatus.getMessage(code);
    String detail = message == null || message.isBlank() ? title : message;
    String json =
        "{\"type\":\"about:blank\",\"title\":"
            + quote(title)
            + ",\"status\":"
            + code
            + ",\"detail\":"
            + quote(detail)
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
