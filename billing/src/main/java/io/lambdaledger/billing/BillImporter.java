package io.lambdaledger.billing;

import io.lambdaledger.core.bill.BillImport;
import io.lambdaledger.db.BillStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Imports AWS Data Exports (CUR 2.0 or FOCUS 1.2; CSV+GZIP or Parquet) of Lambda from S3 into the
 * bill store. Per billing period the manifest names the execution (the version) and its data files;
 * a version already imported is skipped, a new one (a daily refresh or a restatement) replaces the
 * period's lines in one transaction, so a failure halfway leaves the earlier version whole.
 */
public final class BillImporter {

  private static final Logger LOG = LoggerFactory.getLogger(BillImporter.class);
  private static final Pattern PERIOD = Pattern.compile("BILLING_PERIOD=(\\d{4}-\\d{2})/");

  private final S3Client s3;
  private final BillStore store;
  private final Clock clock;

  public BillImporter(S3Client s3, BillStore store, Clock clock) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Imports every billing period of the export, or only {@code month}'s.
   *
   * @param exportUri {@code s3://BUCKET/PREFIX/EXPORT-NAME}
   * @param month the billing period, or null for all the export holds
   * @throws BillImportException naming the object at fault
   */
  public List<ImportResult> importExport(String exportUri, YearMonth month) {
    ExportUri export = ExportUri.parse(exportUri);
    String prefix =
        export.metadataPrefix() + (month == null ? "" : "BILLING_PERIOD=" + month + "/");
    TreeMap<String, String> manifests = new TreeMap<>();
    for (S3Object o : list(export, prefix)) {
      Matcher m = PERIOD.matcher(o.key());
      if (o.key().endsWith("Manifest.json") && m.find()) {
        manifests.put(m.group(1) + "/" + o.key(), o.key());
      }
    }
    if (manifests.isEmpty()) {
      throw BillImportException.badInput(
          ExportUri.object(export.bucket(), prefix)
              + ": no export manifest (…-Manifest.json) here; is --export the export's folder?");
    }
    List<ImportResult> results = new ArrayList<>();
    for (var entry : manifests.entrySet()) {
      String period = entry.getKey().substring(0, 7);
      results.add(importPeriod(export, period, entry.getValue()));
    }
    return results;
  }

  private ImportResult importPeriod(ExportUri export, String period, String manifestKey) {
    String manifestObject = ExportUri.object(export.bucket(), manifestKey);
    Manifest manifest = Manifest.parse(manifestObject, period, get(export.bucket(), manifestKey));
    String uri = export.toString();
    Optional<BillImport> before = store.imported(uri, period);
    if (before.isPresent() && before.get().version().equals(manifest.version())) {
      BillImport b = before.get();
      return new ImportResult(
          uri,
          period,
          b.table(),
          b.version(),
          ImportResult.Outcome.UNCHANGED,
          0,
          0,
          b.lineItems(),
          b.billedTotal());
    }
    long[] counts = new long[2];
    BillImport header =
        new BillImport(
            uri,
            period,
            manifest.table().name(),
            manifest.version(),
            0,
            BigDecimal.ZERO,
            clock.instant());
    BillImport recorded =
        store.replace(
            header,
            sink -> {
              counts[0] = 0;
              counts[1] = 0;
              int fileNo = 0;
              for (String file : manifest.dataFiles()) {
                DayAggregator aggregator = new DayAggregator(sink, ++fileNo);
                counts[0] += readFile(file, manifest.table(), aggregator);
                aggregator.flush();
                counts[1] += aggregator.lines;
              }
              if (counts[0] > 0 && counts[1] == 0) {
                throw BillImportException.badInput(
                    manifestObject
                        + ": no AWS Lambda line items in "
                        + counts[0]
                        + " rows; is this an export of another service?");
              }
            });
    LOG.info(
        "Imported {} {} version {}: {} rows, {} Lambda lines, billed {}",
        uri,
        period,
        manifest.version(),
        counts[0],
        counts[1],
        recorded.billedTotal());
    return new ImportResult(
        uri,
        period,
        recorded.table(),
        recorded.version(),
        before.isPresent() ? ImportResult.Outcome.REPLACED : ImportResult.Outcome.IMPORTED,
        counts[0],
        counts[1],
        recorded.lineItems(),
        recorded.billedTotal());
  }

  private long readFile(String file, ExportTable table, DayAggregator sink) {
    if (!file.startsWith("s3://") || file.indexOf('/', 5) < 0) {
      throw BillImportException.badInput("manifest lists a data file that is not s3://: " + file);
    }
    String bucket = file.substring(5, file.indexOf('/', 5));
    String key = file.substring(file.indexOf('/', 5) + 1);
    try {
      if (key.endsWith(".parquet")) {
        long length = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        return ExportFiles.parquet(file, new S3InputFile(s3, bucket, key, length), table, sink);
      }
      if (key.endsWith(".gz")) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
          return ExportFiles.csvGzip(file, in, table, sink);
        }
      }
      throw BillImportException.badInput(file + ": neither .csv.gz nor .parquet");
    } catch (NoSuchKeyException e) {
      throw BillImportException.badInput(
          file + ": listed in the manifest but not in the bucket", e);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw BillImportException.badInput(
            file + ": listed in the manifest but not in the bucket", e);
      }
      throw s3Failure(file, "s3:GetObject", e);
    } catch (SdkClientException e) {
      throw BillImportException.failure(file + ": S3 unreachable (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw unreadable(file, key, e);
    } catch (UncheckedIOException e) {
      throw unreadable(file, key, e.getCause());
    } catch (BillImportException e) {
      throw e;
    } catch (RuntimeException e) {
      throw BillImportException.badInput(file + ": unreadable (" + e.getMessage() + ")", e);
    }
  }

  private static BillImportException unreadable(String file, String key, IOException e) {
    return BillImportException.badInput(
        file
            + (key.endsWith(".gz") ? ": truncated or corrupt gzip (" : ": not readable Parquet (")
            + e.getMessage()
            + ")",
        e);
  }

  private List<S3Object> list(ExportUri export, String prefix) {
    List<S3Object> objects = new ArrayList<>();
    try {
      s3.listObjectsV2Paginator(b -> b.bucket(export.bucket()).prefix(prefix))
          .forEach(page -> objects.addAll(page.contents()));
    } catch (NoSuchBucketException e) {
      throw BillImportException.badInput("s3://" + export.bucket() + ": no such bucket", e);
    } catch (S3Exception e) {
      throw s3Failure(ExportUri.object(export.bucket(), prefix), "s3:ListBucket", e);
    } catch (SdkClientException e) {
      throw BillImportException.failure(
          ExportUri.object(export.bucket(), prefix) + ": S3 unreachable (" + e.getMessage() + ")",
          e);
    }
    return objects;
  }

  private byte[] get(String bucket, String key) {
    String object = ExportUri.object(bucket, key);
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    } catch (NoSuchKeyException e) {
      throw BillImportException.badInput(object + ": no such object", e);
    } catch (S3Exception e) {
      throw s3Failure(object, "s3:GetObject", e);
    } catch (SdkClientException e) {
      throw BillImportException.failure(object + ": S3 unreachable (" + e.getMessage() + ")", e);
    }
  }

  private static BillImportException s3Failure(String object, String permission, S3Exception e) {
    if (e.statusCode() == 403) {
      return BillImportException.failure(
          object + ": access denied (the reader needs " + permission + ")", e);
    }
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    return BillImportException.failure(object + ": S3 answered " + e.statusCode() + " " + code, e);
  }
}
