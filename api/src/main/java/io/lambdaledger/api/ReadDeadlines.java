package io.lambdaledger.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Ends connections whose client sends a request too slowly. Jetty's idle timeout only bounds the
 * gap between two packets, so a client trickling one byte every few seconds would hold a connection
 * forever; here a request's header must arrive within {@code header} of its first byte, and its
 * body within {@code body} of the end of the header. A connection over either deadline is closed
 * and counted in {@code ledger_http_connections_ended_total{phase=...}}.
 */
final class ReadDeadlines implements Connection.Listener, AutoCloseable {

  private enum Phase {
    WAITING,
    HEADER,
    BODY
  }

  private final ApiServer.ReadLimits limits;
  private final Counter headerEnded;
  private final Counter bodyEnded;
  private final ScheduledExecutorService checks =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("read-deadlines").daemon().factory());
  private final Map<Connection, ScheduledFuture<?>> watched = new ConcurrentHashMap<>();

  ReadDeadlines(ApiServer.ReadLimits limits, MeterRegistry registry) {
    this.limits = limits;
    this.headerEnded = ended(registry, "header");
    this.bodyEnded = ended(registry, "body");
  }

  private static Counter ended(MeterRegistry registry, String phase) {
    return Counter.builder("ledger.http.connections.ended")
        .description("Connections closed because a request's header or body arrived too slowly")
        .tag("phase", phase)
        .register(registry);
  }

  /** Applies the idle timeout and the deadlines to every connector of a started server. */
  void applyTo(Server server) {
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        serverConnector.setIdleTimeout(limits.idle().toMillis());
        serverConnector.addEventListener(this);
      }
    }
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      Watch watch = new Watch(http);
      long period = Math.max(50, Math.min(limits.header().toMillis(), 1000) / 4);
      watched.put(
          connection, checks.scheduleWithFixedDelay(watch, period, period, TimeUnit.MILLISECONDS));
    }
  }

  @Override
  public void onClosed(Connection connection) {
    ScheduledFuture<?> check = watched.remove(connection);
    if (check != null) {
      check.cancel(false);
    }
  }

  @Override
  public void close() {
    checks.shutdownNow();
  }

  /** One connection's progress: which phase its current request is in, and since when. */
  private final class Watch implements Runnable {
    private final HttpConnection connection;
    private Phase phase = Phase.WAITING;
    private long request = -1;
    private long since = System.nanoTime();

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    @Override
    public void run() {
      HttpParser parser = connection.getParser();
      Phase now = phaseOf(parser);
      long messages = connection.getMessagesIn();
      if (now != phase || messages != request) {
        phase = now;
        request = messages;
        since = System.nanoTime();
        return;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - since);
      if (phase == Phase.HEADER && elapsed.compareTo(limits.header()) > 0) {
        headerEnded.increment();
        connection.getEndPoint().close();
      } else if (phase == Phase.BODY && elapsed.compareTo(limits.body()) > 0) {
        bodyEnded.increment();
        connection.getEndPoint().close();
      }
    }

    private static Phase phaseOf(HttpParser parser) {
      if (parser.inContentState()) {
        return Phase.BODY;
      }
      if (parser.inHeaderState() && !parser.isStart()) {
        return Phase.HEADER;
      }
      return Phase.WAITING;
    }
  }
}
