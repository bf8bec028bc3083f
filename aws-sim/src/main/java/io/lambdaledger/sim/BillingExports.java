package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.pricing.PriceBook;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the simulated bill to S3 as AWS Data Exports do: four exports (CUR 2.0 and FOCUS 1.2,
 * each as CSV+GZIP and as Parquet), daily granularity with resource ids, in overwrite mode. Each
 * billing period is refreshed every day at 06:00 UTC with the month to date (up to the start of
 * that day) and restated once more at month close (3 days after the month ends), when the credit
 * and the invoice id appear. Data files go under {@code
 * <prefix>/<export>/data/BILLING_PERIOD=YYYY-MM/}, then the manifest {@code
 * <prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json} is written last.
 */
final class BillingExports {

  static final String BUCKET = "lambda-ledger-billing";
  static final String PREFIX = "exports";
  static final long DELIVERY_HOUR_SECONDS = 6 * 3_600L;
  static final int CLOSE_AFTER_DAYS = 3;

  /** Lines per data file (AWS splits large exports into numbered files too). */
  static final int LINES_PER_FILE = 5_000;

  /** The four exports: name, table, format. */
  enum Export {
    CUR2_CSV("lambda-cur2-csv", "COST_AND_USAGE_REPORT", "TEXT_OR_CSV", ".csv.gz"),
    CUR2_PARQUET("lambda-cur2-parquet", "COST_AND_USAGE_REPORT", "PARQUET", ".snappy.parquet"),
    FOCUS_CSV("lambda-focus-csv", "FOCUS_1_2_AWS", "TEXT_OR_CSV", ".csv.gz"),
    FOCUS_PARQUET("lambda-focus-parquet", "FOCUS_1_2_AWS", "PARQUET", ".snappy.parquet");

    final String exportName;
    final String table;
    final String format;
    final String extension;

    Export(String exportName, String table, String format, String extension) {
      this.exportName = exportName;
      this.table = table;
      this.format = format;
      this.extension = extension;
    }

    boolean cur() {
      return table.equals("COST_AND_USAGE_REPORT");
    }

    String uri() {
      return "s3://" + BUCKET + "/" + PREFIX + "/" + exportName;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Workload workload;
  private final TruthCalculator calculator;
  private final TruthPricer pricer;
  private final S3Objects s3;
  private final int linesPerFile;
  private final Map<LocalDate, Map<String, FunctionTruth>> days = new ConcurrentHashMap<>();
  private final Map<YearMonth, String> delivered = new HashMap<>();

  BillingExports(
      Workload workload,
      TruthCalculator calculator,
      TruthPricer pricer,
      S3Objects s3,
      int linesPerFile) {
    this.workload = workload;
    this.calculator = calculator;
    this.pricer = pricer;
    this.s3 = s3;
    this.linesPerFile = linesPerFile;
    s3.createBucket(BUCKET);
  }

  /**
   * Delivers every refresh due by {@code now} that has not been delivered yet (the latest only).
   */
  synchronized void refresh(Instant now) {
    long nowSecond = now.getEpochSecond();
    YearMonth first =
        YearMonth.from(Instant.ofEpochSecond(workload.startEpochSecond()).atOffset(ZoneOffset.UTC));
    YearMonth last = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      long monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      long monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      long closeAt = monthEnd + CLOSE_AFTER_DAYS * 86_400L + DELIVERY_HOUR_SECONDS;
      boolean closed = nowSecond >= closeAt;
      long coverEnd;
      long deliveredAt;
      if (closed) {
        coverEnd = monthEnd;
        deliveredAt = closeAt;
      } else {
        long today = Math.floorDiv(nowSecond, 86_400L) * 86_400L;
        long lastDelivery = nowSecond - today >= DELIVERY_HOUR_SECONDS ? today : today - 86_400L;
        coverEnd = Math.min(monthEnd, lastDelivery);
        deliveredAt = coverEnd + DELIVERY_HOUR_SECONDS;
        if (coverEnd <= monthStart) {
          continue;
        }
      }
      String executionId = executionId(month, coverEnd, closed);
      if (executionId.equals(delivered.get(month))) {
        continue;
      }
      deliver(month, monthStart, coverEnd, closed, executionId, Instant.ofEpochSecond(deliveredAt));
      delivered.put(month, executionId);
    }
  }

  private void deliver(
      YearMonth month,
      long monthStart,
      long coverEnd,
      boolean closed,
      String executionId,
      Instant deliveredAt) {
    long from = Math.max(monthStart, workload.startEpochSecond());
    List<LocalDate> dayList = new ArrayList<>();
    List<Map<String, FunctionTruth>> dayTruths = new ArrayList<>();
    Map<String, FunctionTruth> window = new LinkedHashMap<>();
    for (long day = monthStart; day < coverEnd; day += 86_400L) {
      LocalDate date = LocalDate.ofEpochDay(day / 86_400L);
      Map<String, FunctionTruth> truth = day(date, coverEnd);
      dayList.add(date);
      dayTruths.add(truth);
      truth.values().forEach(f -> window.merge(f.arn(), f, FunctionTruth::plus));
    }
    MonthlyBill bill =
        pricer.price(
            month,
            Instant.ofEpochSecond(from),
            Instant.ofEpochSecond(coverEnd),
            new ArrayList<>(window.values()));
    PriceBook book = pricer.bookFor(month);
    List<ExportLine> lines = BillLines.of(bill, book, dayList, dayTruths, closed);
    for (Export export : Export.values()) {
      write(export, month, lines, executionId, deliveredAt);
    }
  }

  private Map<String, FunctionTruth> day(LocalDate date, long nowEpochSecond) {
    return days.computeIfAbsent(
        date,
        d -> {
          long start = d.toEpochDay() * 86_400L;
          Map<String, FunctionTruth> byArn = new LinkedHashMap<>();
          for (FunctionTruth f :
              calculator.compute(start, start + 86_400L, nowEpochSecond, null, null)) {
            byArn.put(f.arn(), f);
          }
          return byArn;
        });
  }

  private void write(
      Export export,
      YearMonth month,
      List<ExportLine> lines,
      String executionId,
      Instant deliveredAt) {
    String base = PREFIX + "/" + export.exportName;
    String partition = "BILLING_PERIOD=" + month;
    String dataPrefix = base + "/data/" + partition + "/";
    // Overwrite mode: the period's earlier files go, the new ones come, the manifest last.
    var existing = s3.bucket(BUCKET).subMap(dataPrefix, dataPrefix + Character.MAX_VALUE);
    new ArrayList<>(existing.keySet()).forEach(k -> s3.delete(BUCKET, k));
    List<String> files = new ArrayList<>();
    int parts = Math.max(1, (lines.size() + linesPerFile - 1) / linesPerFile);
    for (int part = 0; part < parts; part++) {
      List<ExportLine> chunk =
          lines.subList(part * linesPerFile, Math.min(lines.size(), (part + 1) * linesPerFile));
      byte[] data =
          switch (export) {
            case CUR2_CSV -> CurExport.csvGzip(month, chunk);
            case CUR2_PARQUET -> CurExport.parquet(month, chunk);
            case FOCUS_CSV -> FocusExport.csvGzip(month, chunk);
            case FOCUS_PARQUET -> FocusExport.parquet(month, chunk);
          };
      String key =
          dataPrefix + String.format("%s-%05d%s", export.exportName, part + 1, export.extension);
      s3.put(BUCKET, key, data, deliveredAt);
      files.add("s3://" + BUCKET + "/" + key);
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    String payer = workload.accounts().get(0);
    manifest.put(
        "exportArn",
        "arn:aws:bcm-data-exports:us-east-1:" + payer + ":export/" + export.exportName);
    manifest.put("exportName", export.exportName);
    manifest.put("executionId", executionId);
    manifest.put("exportTime", deliveredAt.toString());
    manifest.put("table", export.table);
    manifest.put("timeGranularity", "DAILY");
    manifest.put("format", export.format);
    manifest.put("compression", export.format.equals("PARQUET") ? "PARQUET" : "GZIP");
    manifest.put(
        "billingPeriod",
        Map.of(
            "start", month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
            "end",
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()));
    List<Map<String, String>> columns = new ArrayList<>();
    for (String c : export.cur() ? CurExport.COLUMNS : FocusExport.COLUMNS) {
      columns.add(
          Map.of("name", c, "type", export.cur() ? CurExport.typeOf(c) : FocusExport.typeOf(c)));
    }
    manifest.put("columns", columns);
    manifest.put("dataFiles", files);
    try {
      s3.put(
          BUCKET,
          base + "/metadata/" + partition + "/" + export.exportName + "-Manifest.json",
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest),
          deliveredAt);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String executionId(YearMonth month, long coverEnd, boolean closed) {
    long h =
        Rng.hash(
            workload.seed(),
            month.getYear() * 12L + month.getMonthValue(),
            coverEnd,
            closed ? 1 : 0);
    return String.format(
        "%08x-%04x-4%03x-a%03x-%012x",
        h >>> 32, (h >>> 16) & 0xffff, (h >>> 4) & 0xfff, h & 0xfff, Rng.mix(h) & 0xffffffffffffL);
  }
}
