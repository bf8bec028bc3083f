package io.lambdaledger.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Requests written byte by byte on a socket, for what {@code java.net.http} refuses to send: an
 * invented method, a malformed escape in the path, a trickled header.
 */
final class RawHttp {

  /** A response as read off the wire. */
  record Response(int status, String head, String body) {
    boolean isProblem() {
      return head.toLowerCase(java.util.Locale.ROOT)
          .contains("content-type: application/problem+json");
    }
  }

  private RawHttp() {}

  /** Sends {@code method target} with {@code Connection: close} and reads the whole response. */
  static Response send(int port, String method, String target) throws IOException {
    return sendRaw(
        port, method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  static Response sendRaw(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream());
    }
  }

  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("no end of response after " + bytes.size() + " bytes", e);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 4);
    String[] statusLine = head.split(" ", 3);
    int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
    return new Response(status, head, body);
  }
}
