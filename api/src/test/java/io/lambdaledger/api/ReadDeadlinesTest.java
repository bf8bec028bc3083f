package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client trickling its header or body, each piece well inside the idle timeout, is cut off by the
 * header and body deadlines; the server goes on serving everyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadDeadlinesTest {

  /** Idle 3 s, header 1 s, body 1 s; the client sends a piece every 300 ms. */
  static final ApiServer.ReadLimits LIMITS =
      new ApiServer.ReadLimits(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(1));

  /** Pieces the client has to send: 60 × 300 ms = 18 s, far past every deadline. */
  static final int PIECES = 60;

  private LedgerFixture fixture;

  @BeforeAll
  void start() {
    fixture = LedgerFixture.empty(true, LIMITS);
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Test
  void a_trickled_header_is_cut_off_before_the_client_is_done() throws Exception {
    int sent = trickle("GET /healthz HTTP/1.1\r\nHost: x\r\n", "X-Slow: 1\r\n");

    assertThat(sent).as("header lines sent before the server closed").isLessThan(PIECES);
    assertThat(fixture.http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(fixture.http.get("/metrics").body())
        .containsPattern("ledger_http_connections_ended_total\\{phase=\"header\"} [1-9]");
  }

  @Test
  void a_trickled_body_is_cut_off_before_the_client_is_done() throws Exception {
    int sent =
        trickle(
            "POST /api/v1/collections HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n",
            " ");

    assertThat(sent).as("body bytes sent before the server closed").isLessThan(PIECES);
    assertThat(fixture.http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(fixture.http.get("/metrics").body())
        .containsPattern("ledger_http_connections_ended_total\\{phase=\"body\"} [1-9]");
  }

  /**
   * Sends {@code start}, then {@code piece} every 300 ms until the server closes the connection or
   * {@link #PIECES} were sent; returns how many pieces were sent.
   */
  private int trickle(String start, String piece) throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(start.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int sent = 0; sent < PIECES; sent++) {
        if (closedByServer(socket, in)) {
          return sent;
        }
        try {
          out.write(piece.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          return sent;
        }
      }
      return PIECES;
    }
  }

  /** Waits 300 ms for the server: true if it closed (or answered and closed) the connection. */
  private static boolean closedByServer(Socket socket, InputStream in) throws IOException {
    socket.setSoTimeout(300);
    try {
      byte[] buffer = new byte[4096];
      while (in.read(buffer) != -1) {
        // an answer before the close (say a 400) is fine: keep reading to the end
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
