package io.lambdaledger.api;

import io.javalin.http.Context;
import io.lambdaledger.api.http.ApiProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Runs before every request: refuses what no route can serve (a malformed percent-escape, an
 * announced oversized body) with a 400 or 413 problem, reads the body up front, and sets the
 * security headers.
 */
final class RequestGuard {

  /** Largest request body accepted (413 above). */
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  static final String STARTED = "ledger.started";

  private RequestGuard() {}

  static void beforeEveryRequest(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    if (!isWellEscaped(ctx.req().getRequestURI()) || !isWellEscaped(ctx.req().getQueryString())) {
      throw ApiProblem.badRequest(
          "the request target has a malformed percent-escape: each % must start %XX of UTF-8");
    }
    long contentLength = ctx.req().getContentLengthLong();
    if (contentLength > MAX_REQUEST_BYTES) {
      // Refuse an announced oversized body at once: reading it first would wait for bytes the
      // client may send slowly or never, holding the connection until the idle timeout.
      throw ApiProblem.of(
          413,
          ErrorMapping.reason(413),
          "the request body is too large (at most 64 KiB are accepted)");
    }
    if (contentLength != 0) {
      // Read the (size-limited) body up front, whatever the route does with it: a body left unread
      // makes Jetty drop the connection after the response, under a client that may reuse it.
      ctx.bodyAsBytes();
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " frame-ancestors 'none'");
  }

  /**
   * Whether every {@code %} in the raw (undecoded) text starts two hex digits and the escaped
   * bytes, decoded, are valid UTF-8. {@code %u0041}, a lone {@code %} and {@code %C3%28} are not.
   */
  static boolean isWellEscaped(String raw) {
    if (raw == null || raw.indexOf('%') < 0) {
      return true;
    }
    ByteBuffer bytes = ByteBuffer.allocate(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return false;
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return false;
        }
        bytes.put((byte) (high * 16 + low));
        i += 2;
      } else if (c < 0x80) {
        bytes.put((byte) c);
      } else {
        // Jetty has decoded raw non-ASCII already; it is not an escape and is checked elsewhere.
        bytes.put((byte) 'x');
      }
    }
    bytes.flip();
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
