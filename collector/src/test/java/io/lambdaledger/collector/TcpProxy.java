package io.lambdaledger.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free local port in front of a server (PostgreSQL), for outages without stopping
 * the real server: {@link #down()} cuts every proxied connection and closes each new one at once
 * (as a server that is gone); {@link #up()} lets connections through again. {@link
 * #cutOnNextRequest()} takes it down the moment a client next sends something, so the outage hits a
 * statement in flight.
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicLong connectionsCut = new AtomicLong();
  private final AtomicLong connectionsRefused = new AtomicLong();
  private final Thread acceptor;
  private volatile Runnable beforeFirstConnection;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /**
   * Runs {@code action} when the first client connects, before anything it sends is forwarded: a
   * test sees the state of the world at a caller's first contact with the server.
   */
  void beforeFirstConnection(Runnable action) {
    beforeFirstConnection = action;
  }

  /** Cuts every open connection; new ones are closed as soon as they are accepted. */
  void down() {
    down.set(true);
    List<Socket> sockets = List.copyOf(open);
    open.removeAll(sockets);
    connectionsCut.addAndGet(sockets.size() / 2); // a client and a server socket each
    sockets.forEach(TcpProxy::closeQuietly);
  }

  /** The next bytes any client sends take the proxy {@link #down()} instead of being forwarded. */
  void cutOnNextRequest() {
    armed.set(true);
  }

  boolean isDown() {
    return down.get();
  }

  void up() {
    down.set(false);
  }

  long connectionsCut() {
    return connectionsCut.get();
  }

  long connectionsRefused() {
    return connectionsRefused.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (down.get()) {
        connectionsRefused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      Runnable first = beforeFirstConnection;
      if (first != null) {
        beforeFirstConnection = null;
        first.run();
      }
      try {
        Socket server = new Socket();
        server.connect(target, 5_000);
        open.add(client);
        open.add(server);
        Thread.ofVirtual().start(() -> pump(client, server, true));
        Thread.ofVirtual().start(() -> pump(server, client, false));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (fromClient && armed.compareAndSet(true, false)) {
          down();
          return;
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away: close both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    down();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
