package io.lambdaledger.bench.soak;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What the server's {@code /metrics} does not show, read from outside: the connection pool and the
 * heap after the last GC over JMX (the JDK's local management agent, started through the attach
 * API; the pool's MBean exists because {@code bench/soak} starts the server with {@code
 * registerMbeans=true}), RSS and open file descriptors from {@code /proc}, and the server's
 * PostgreSQL backends from {@code pg_stat_activity}. Anything that cannot be read is {@code -1}.
 */
final class ProcessProbe implements AutoCloseable {

  private static final String POOL = "com.zaxxer.hikari:type=Pool (lambda-ledger)";

  private final long pid;
  private final String pgUrl;
  private final String pgApplication;
  private JMXConnector connector;
  private MBeanServerConnection jmx;
  private final Set<String> heapPools = new HashSet<>();

  ProcessProbe(long pid, String pgUrl, String pgApplication) {
    this.pid = pid;
    this.pgUrl = pgUrl;
    this.pgApplication = pgApplication;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
      jmx = connector.getMBeanServerConnection();
      for (ObjectName pool : jmx.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
        if ("HEAP".equals(String.valueOf(jmx.getAttribute(pool, "Type")))) {
          heapPools.add(pool.getKeyProperty("name"));
        }
      }
    } catch (Exception e) {
      System.out.println("soak: no JMX connection to process " + pid + ": " + e);
      jmx = null;
    }
  }

  /** Pool attribute (ActiveConnections, IdleConnections, TotalConnections, …) or -1. */
  long pool(String attribute) {
    if (jmx == null) {
      return -1;
    }
    try {
      return ((Number) jmx.getAttribute(new ObjectName(POOL), attribute)).longValue();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Heap in use just after the most recent garbage collection (any collector), or -1. */
  long heapAfterLastGc() {
    if (jmx == null) {
      return -1;
    }
    try {
      long latestEnd = -1;
      long after = -1;
      for (ObjectName gc :
          jmx.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
        CompositeData info = (CompositeData) jmx.getAttribute(gc, "LastGcInfo");
        if (info == null) {
          continue;
        }
        long end = (Long) info.get("endTime");
        if (end <= latestEnd) {
          continue;
        }
        long used = 0;
        TabularData pools = (TabularData) info.get("memoryUsageAfterGc");
        for (Object row : pools.values()) {
          CompositeData entry = (CompositeData) row;
          if (heapPools.contains((String) entry.get("key"))) {
            used += MemoryUsage.from((CompositeData) entry.get("value")).getUsed();
          }
        }
        latestEnd = end;
        after = used;
      }
      return after;
    } catch (Exception e) {
      return -1;
    }
  }

  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  long openFiles() {
    try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return files.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** PostgreSQL backends of the server (by application_name), or -1 without PostgreSQL. */
  long postgresBackends() {
    if (pgUrl == null) {
      return -1;
    }
    try {
      Process psql =
          new ProcessBuilder(
                  "psql",
                  pgUrl,
                  "-tAc",
                  "select count(*) from pg_stat_activity where application_name = '"
                      + pgApplication.replace("'", "''")
                      + "'")
              .redirectErrorStream(true)
              .start();
      String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!psql.waitFor(10, TimeUnit.SECONDS) || psql.exitValue() != 0) {
        return -1;
      }
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    if (connector != null) {
      try {
        connector.close();
      } catch (IOException e) {
        // the server may already be gone
      }
    }
  }
}
