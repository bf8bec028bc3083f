package io.lambdaledger.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.annotation.Alias;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Import speed and memory (issue #13): a daily-granularity month for 50,000 functions (4.5 M line
 * items: requests, duration and a Savings Plan-covered duration line each day) in ≤ 60 s, and ≥
 * 500,000 line items/s for an hourly export (2,000 functions, 4.3 M line items), both formats,
 * importer JVM at -Xmx512m, into PostgreSQL. S3 is the simulator in its own JVM (the application
 * jar's {@code simulate}), so the exports' bytes are not in the measured heap. Numbers go to stdout
 * and target/benchmark/bill-import.md; docs/benchmarks.md holds the last run's.
 */
@Tag("benchmark")
class BillImportBenchmarkTest {

  static final String BUCKET = "bench-billing";
  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final int LINES_PER_FILE = 100_000;

  static Process simulator;
  static S3Client s3;
  static final List<String> results = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    Path jar =
        Path.of(System.getProperty("bill.bench.jar", "../app/target/lambda-ledger.jar"))
            .toAbsolutePath();
    assertThat(jar).exists();
    simulator =
        new ProcessBuilder(
                "java",
                "-Xmx4g",
                "-jar",
                jar.toString(),
                "simulate",
                "--port",
                "0",
                "--functions",
                "1")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(
            new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
    String endpoint = null;
    for (String line = out.readLine(); line != null && endpoint == null; line = out.readLine()) {
      if (line.contains("export AWS_ENDPOINT_URL=")) {
        endpoint = line.substring(line.indexOf('=') + 1).trim();
      }
    }
    assertThat(endpoint).isNotNull();
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // keep the pipe empty
                }
              } catch (IOException e) {
                // the simulator stopped
              }
            });
    drain.setDaemon(true);
    drain.start();
    s3 = TestS3.client(URI.create(endpoint));
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() throws IOException {
    if (s3 != null) {
      s3.close();
    }
    if (simulator != null) {
      simulator.destroy();
    }
    Path dir = Path.of("target", "benchmark");
    Files.createDirectories(dir);
    Files.write(dir.resolve("bill-import.md"), results);
  }

  /** The ARN of function {@code i}. */
  static String arn(int i) {
    return String.format("arn:aws:lambda:us-east-1:111122223333:function:bench-%05d", i);
  }

  /** One synthetic CUR 2.0 line; what matters for speed is the count, not the values. */
  record Line(
      String arn,
      Instant start,
      Instant end,
      String type,
      String usageType,
      double amount,
      double cost,
      double list,
      double effective) {}

  static List<Line> lines(int functions, boolean hourly, long first, long count) {
    List<Line> out = new ArrayList<>((int) count);
    int perDay = hourly ? 24 : 1;
    long perFunction = 30L * perDay * 3;
    SplittableRandom random = new SplittableRandom(first);
    Instant monthStart = MONTH.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (long n = first; n < first + count; n++) {
      int f = (int) (n / perFunction);
      long rest = n % perFunction;
      long slot = rest / 3;
      int kind = (int) (rest % 3);
      Instant start = monthStart.plusSeconds(slot * (hourly ? 3_600L : 86_400L));
      Instant end = start.plusSeconds(hourly ? 3_600L : 86_400L);
      double amount = 1 + random.nextInt(100_000);
      double cost = Math.round(amount * (kind == 0 ? 0.0000002 : 0.0000166667) * 100) / 100.0;
      out.add(
          new Line(
              arn(f),
              start,
              end,
              kind == 2 ? "SavingsPlanCoveredUsage" : "Usage",
              kind == 0 ? "Request" : "Lambda-GB-Second",
              amount,
              cost,
              cost,
              kind == 2 ? cost * 0.83 : cost));
    }
    return out;
  }

  /** The columns the import reads, with the end date after the start as AWS writes it. */
  static final List<String> CSV_COLUMNS = withEndDate(ExportTable.CUR2.columns);

  private static List<String> withEndDate(List<String> columns) {
    List<String> written = new ArrayList<>(columns);
    written.add(written.indexOf("line_item_usage_start_date") + 1, "line_item_usage_end_date");
    return List.copyOf(written);
  }

  record ParquetLine(
      @Alias("bill_payer_account_id") String payer,
      @Alias("bill_invoice_id") String invoice,
      @Alias("line_item_usage_account_id") String account,
      @Alias("line_item_product_code") String product,
      @Alias("line_item_resource_id") String resource,
      @Alias("line_item_line_item_type") String type,
      @Alias("line_item_line_item_description") String description,
      @Alias("line_item_usage_type") String usageType,
      @Alias("line_item_usage_start_date") Instant start,
      @Alias("line_item_usage_end_date") Instant end,
      @Alias("line_item_usage_amount") double amount,
      @Alias("line_item_unblended_cost") double cost,
      @Alias("pricing_public_on_demand_cost") double list,
      @Alias("product_region_code") String region,
      @Alias("savings_plan_savings_plan_effective_cost") double effective) {}

  static byte[] csv(List<Line> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w =
        new OutputStreamWriter(new GZIPOutputStream(bytes, 1 << 16), StandardCharsets.UTF_8)) {
      w.write(String.join(",", CSV_COLUMNS));
      w.write('\n');
      for (Line l : lines) {
        w.write(
            "111122223333,,111122223333,AWSLambda,"
                + l.arn()
                + ","
                + l.type()
                + ",$0.0000166667 per Lambda-GB-Second,"
                + l.usageType()
                + ","
                + l.start()
                + ","
                + l.end()
                + ","
                + BigDecimal.valueOf(l.amount()).toPlainString()
                + ","
                + BigDecimal.valueOf(l.cost()).toPlainString()
                + ","
                + BigDecimal.valueOf(l.list()).toPlainString()
                + ",us-east-1,"
                + BigDecimal.valueOf(l.effective()).toPlainString()
                + "\n");
      }
    }
    return bytes.toByteArray();
  }

  static byte[] parquet(List<Line> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CarpetWriter<ParquetLine> writer = new CarpetWriter<>(bytes, ParquetLine.class)) {
      for (Line l : lines) {
        writer.write(
            new ParquetLine(
                "111122223333",
                "",
                "111122223333",
                "AWSLambda",
                l.arn(),
                l.type(),
                "$0.0000166667 per Lambda-GB-Second",
                l.usageType(),
                l.start(),
                l.end(),
                l.amount(),
                l.cost(),
                l.list(),
                "us-east-1",
                l.effective()));
      }
    }
    return bytes.toByteArray();
  }

  /** Writes the export to the simulator's S3; returns its URI and the lines' billed total. */
  static String upload(String name, int functions, boolean hourly, boolean parquet)
      throws IOException {
    long total = 30L * (hourly ? 24 : 1) * 3 * functions;
    List<String> files = new ArrayList<>();
    String base = "bench/" + name;
    for (long first = 0, part = 1; first < total; first += LINES_PER_FILE, part++) {
      List<Line> chunk = lines(functions, hourly, first, Math.min(LINES_PER_FILE, total - first));
      byte[] data = parquet ? parquet(chunk) : csv(chunk);
      String key =
          base
              + "/data/BILLING_PERIOD=2026-10/"
              + String.format("%s-%05d%s", name, part, parquet ? ".snappy.parquet" : ".csv.gz");
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
      files.add(key);
    }
    return TestS3.putManifest(s3, BUCKET, "bench", name, "bench-" + name, CSV_COLUMNS, files);
  }

  /** The databases to import into: {@code -Dbill.bench.databases=postgresql,h2}. */
  static List<String> databases() {
    return List.of(System.getProperty("bill.bench.databases", "postgresql").split(","));
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  /** CPU time of this JVM, every thread (the import, GC, JIT), in seconds. */
  static double clientCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * The PostgreSQL server process of the pool's connection this thread gets (Hikari hands a thread
   * the connection it used last, so the import's), or -1 for H2.
   */
  static long backendPid(Database db, String kind) {
    if (kind.equals("h2")) {
      return -1;
    }
    return ((Number) db.db().dsl().fetchValue("select pg_backend_pid()")).longValue();
  }

  /** CPU time (user + system) of a local process from /proc, in seconds; NaN if unreadable. */
  static double cpuSeconds(long pid) {
    if (pid < 0) {
      return Double.NaN;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** A fresh database: a PostgreSQL schema, or an H2 file (an in-memory one would be heap). */
  static Database open(String kind, Path dir) throws IOException {
    if (kind.equals("h2")) {
      Files.createDirectories(dir);
      Path file = dir.resolve("bill-" + System.nanoTime());
      return new Database(null, io.lambdaledger.db.Database.open(DatabaseSettings.h2File(file)));
    }
    TestDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRESQL);
    return new Database(db, db.database());
  }

  record Database(TestDatabase test, io.lambdaledger.db.Database db) implements AutoCloseable {
    @Override
    public void close() {
      if (test != null) {
        test.close();
      } else {
        db.close();
      }
    }
  }

  void measure(String name, int functions, boolean hourly, boolean parquet) throws IOException {
    String only = System.getProperty("bill.bench.cases", "");
    if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
      return;
    }
    String export = upload(name, functions, hourly, parquet);
    long expected = 30L * (hourly ? 24 : 1) * 3 * functions;
    int repeats = Integer.getInteger("bill.bench.repeats", 1);
    for (String kind : databases()) {
      for (int run = 1; run <= repeats; run++) {
        System.gc();
        List<MemoryPoolMXBean> heap =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        try (Database db = open(kind, Path.of("target", "benchmark", "h2"))) {
          BillImporter importer =
              new BillImporter(s3, new BillStore(db.db().dsl()), Clock.systemUTC());
          String loadBefore = loadAverage();
          long backend = backendPid(db, kind);
          double serverBefore = cpuSeconds(backend);
          double clientBefore = clientCpuSeconds();
          long t0 = System.nanoTime();
          ImportResult r = importer.importExport(export, MONTH).get(0);
          double seconds = (System.nanoTime() - t0) / 1e9;
          double client = clientCpuSeconds() - clientBefore;
          double server =
              backendPid(db, kind) == backend ? cpuSeconds(backend) - serverBefore : Double.NaN;
          String loadAfter = loadAverage();
          long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
          assertThat(r.rowsRead()).isEqualTo(expected);
          String line =
              String.format(
                  "| %s | %s | %s | %,d | %,d | %,d | %.1f s | %,.0f | %.1f s | %s | %d MB | %s"
                      + " / %s |",
                  hourly ? "hourly" : "daily",
                  parquet ? "Parquet" : "CSV+GZIP",
                  kind.equals("h2") ? "H2" : "PostgreSQL",
                  functions,
                  r.rowsRead(),
                  r.storedLines(),
                  seconds,
                  r.rowsRead() / seconds,
                  client,
                  kind.equals("h2") ? "(in the client)" : String.format("%.1f s", server),
                  peak >> 20,
                  loadBefore,
                  loadAfter);
          System.out.println("BENCHMARK bill import " + line);
          results.add(line);
        }
      }
    }
  }

  @Test
  void aDailyMonthOf50000FunctionsAndAnHourlyMonthOf2000InBothFormats() throws IOException {
    int daily = Integer.getInteger("bill.bench.dailyFunctions", 50_000);
    int hourly = Integer.getInteger("bill.bench.hourlyFunctions", 2_000);
    measure("daily-csv", daily, false, false);
    measure("daily-parquet", daily, false, true);
    measure("hourly-csv", hourly, true, false);
    measure("hourly-parquet", hourly, true, true);
  }
}
