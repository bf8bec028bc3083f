package io.lambdaledger.app;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running command until the JVM is asked to stop, then closes what it runs. */
final class Shutdown {
  private Shutdown() {}

  static void awaitSignal(AutoCloseable running) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("Stopping…");
                  try {
                    running.close();
                  } catch (Exception e) {
                    System.err.println("lambda-ledger: while stopping: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "shutdown"));
    stopped.await();
  }
}
