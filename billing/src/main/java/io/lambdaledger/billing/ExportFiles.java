package io.lambdaledger.billing;

import com.jerolba.carpet.CarpetReader;
import com.jerolba.carpet.annotation.Alias;
import io.lambdaledger.core.bill.BillLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.Type;

/** Reads an export's data files, CSV+GZIP streamed or Parquet by ranges, into bill lines. */
final class ExportFiles {

  private ExportFiles() {}

  /**
   * Reads one CSV+GZIP file from the stream, giving each Lambda line to {@code sink}.
   *
   * @return rows read (Lambda or not)
   */
  static long csvGzip(String object, InputStream raw, ExportTable table, Consumer<BillLine> sink)
      throws IOException {
    long rows = 0;
    try (Reader reader =
            new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      Map<String, Integer> header = parser.getHeaderMap();
      table.check(object, header.keySet());
      CsvRow row = new CsvRow(header);
      for (CSVRecord record : parser) {
        row.record = record;
        rows++;
        BillLine line = LineMapper.map(table, row);
        if (line != null) {
          sink.accept(line);
        }
      }
    }
    return rows;
  }

  /** Reads one Parquet file; fails naming a required column the file lacks. */
  static long parquet(String object, InputFile file, ExportTable table, Consumer<BillLine> sink)
      throws IOException {
    Set<String> columns = new LinkedHashSet<>();
    try (ParquetFileReader footer = ParquetFileReader.open(file)) {
      for (Type field : footer.getFooter().getFileMetaData().getSchema().getFields()) {
        columns.add(field.getName());
      }
    }
    table.check(object, columns);
    long rows = 0;
    if (table == ExportTable.CUR2) {
      CarpetReader<CurRow> reader =
          new CarpetReader<>(file, CurRow.class).withFailOnMissingColumn(false);
      for (CurRow r : reader) {
        rows++;
        BillLine line = LineMapper.map(table, r);
        if (line != null) {
          sink.accept(line);
        }
      }
    } else {
      CarpetReader<FocusRow> reader =
          new CarpetReader<>(file, FocusRow.class).withFailOnMissingColumn(false);
      for (FocusRow r : reader) {
        rows++;
        BillLine line = LineMapper.map(table, r);
        if (line != null) {
          sink.accept(line);
        }
      }
    }
    return rows;
  }

  private static final class CsvRow implements Row {
    private final Map<String, Integer> header;
    private CSVRecord record;

    CsvRow(Map<String, Integer> header) {
      this.header = new HashMap<>(header);
    }

    @Override
    public String text(String column) {
      Integer i = header.get(column);
      return i == null || i >= record.size() ? "" : record.get(i);
    }

    @Override
    public BigDecimal decimal(String column) {
      String value = text(column);
      return value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
    }

    @Override
    public LocalDate date(String column) {
      return LocalDate.parse(text(column).substring(0, 10));
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static BigDecimal decimal(Double d) {
    return d == null ? BigDecimal.ZERO : BigDecimal.valueOf(d);
  }

  private static LocalDate date(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  /** The CUR 2.0 Parquet columns the import reads. */
  record CurRow(
      @Alias("bill_payer_account_id") String payer,
      @Alias("bill_invoice_id") String invoiceId,
      @Alias("line_item_usage_account_id") String account,
      @Alias("line_item_product_code") String productCode,
      @Alias("line_item_resource_id") String resourceId,
      @Alias("line_item_line_item_type") String lineItemType,
      @Alias("line_item_line_item_description") String description,
      @Alias("line_item_usage_type") String usageType,
      @Alias("line_item_usage_start_date") Instant usageStart,
      @Alias("line_item_usage_amount") Double usageAmount,
      @Alias("line_item_unblended_cost") Double unblendedCost,
      @Alias("pricing_public_on_demand_cost") Double publicCost,
      @Alias("product_region_code") String region,
      @Alias("savings_plan_savings_plan_effective_cost") Double effectiveCost)
      implements Row {

    @Override
    public String text(String column) {
      return orEmpty(
          switch (column) {
            case "bill_payer_account_id" -> payer;
            case "bill_invoice_id" -> invoiceId;
            case "line_item_usage_account_id" -> account;
            case "line_item_product_code" -> productCode;
            case "line_item_resource_id" -> resourceId;
            case "line_item_line_item_type" -> lineItemType;
            case "line_item_line_item_description" -> description;
            case "line_item_usage_type" -> usageType;
            case "product_region_code" -> region;
            default -> throw new IllegalArgumentException(column);
          });
    }

    @Override
    public BigDecimal decimal(String column) {
      return ExportFiles.decimal(
          switch (column) {
            case "line_item_usage_amount" -> usageAmount;
            case "line_item_unblended_cost" -> unblendedCost;
            case "pricing_public_on_demand_cost" -> publicCost;
            case "savings_plan_savings_plan_effective_cost" -> effectiveCost;
            default -> throw new IllegalArgumentException(column);
          });
    }

    @Override
    public LocalDate date(String column) {
      return ExportFiles.date(usageStart);
    }
  }

  /** The FOCUS 1.2 Parquet columns the import reads. */
  record FocusRow(
      @Alias("BillingAccountId") String billingAccountId,
      @Alias("SubAccountId") String subAccountId,
      @Alias("ResourceId") String resourceId,
      @Alias("ServiceName") String serviceName,
      @Alias("ChargeCategory") String chargeCategory,
      @Alias("ChargePeriodStart") Instant chargePeriodStart,
      @Alias("ListCost") Double listCost,
      @Alias("BilledCost") Double billedCost,
      @Alias("EffectiveCost") Double effectiveCost,
      @Alias("ConsumedQuantity") Double consumedQuantity,
      @Alias("RegionId") String regionId,
      @Alias("CommitmentDiscountId") String commitmentDiscountId,
      @Alias("InvoiceId") String invoiceId,
      @Alias("x_ServiceCode") String serviceCode,
      @Alias("x_UsageType") String usageType)
      implements Row {

    @Override
    public String text(String column) {
      return orEmpty(
          switch (column) {
            case "BillingAccountId" -> billingAccountId;
            case "SubAccountId" -> subAccountId;
            case "ResourceId" -> resourceId;
            case "ServiceName" -> serviceName;
            case "ChargeCategory" -> chargeCategory;
            case "RegionId" -> regionId;
            case "CommitmentDiscountId" -> commitmentDiscountId;
            case "InvoiceId" -> invoiceId;
            case "x_ServiceCode" -> serviceCode;
            case "x_UsageType" -> usageType;
            default -> throw new IllegalArgumentException(column);
          });
    }

    @Override
    public BigDecimal decimal(String column) {
      return ExportFiles.decimal(
          switch (column) {
            case "ListCost" -> listCost;
            case "BilledCost" -> billedCost;
            case "EffectiveCost" -> effectiveCost;
            case "ConsumedQuantity" -> consumedQuantity;
            default -> throw new IllegalArgumentException(column);
          });
    }

    @Override
    public LocalDate date(String column) {
      return ExportFiles.date(chargePeriodStart);
    }
  }
}
