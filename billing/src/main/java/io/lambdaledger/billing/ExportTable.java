package io.lambdaledger.billing;

import java.util.List;
import java.util.Set;

/** The two tables an AWS Data Export can hold that the import reads, and the columns it needs. */
enum ExportTable {
  /** {@code COST_AND_USAGE_REPORT} (CUR 2.0), with resource ids. */
  CUR2(
      List.of(
          "bill_payer_account_id",
          "bill_invoice_id",
          "line_item_usage_account_id",
          "line_item_product_code",
          "line_item_resource_id",
          "line_item_line_item_type",
          "line_item_line_item_description",
          "line_item_usage_type",
          "line_item_usage_start_date",
          "line_item_usage_amount",
          "line_item_unblended_cost",
          "pricing_public_on_demand_cost",
          "product_region_code",
          "savings_plan_savings_plan_effective_cost"),
      Set.of("bill_invoice_id", "line_item_line_item_description", "product_region_code")),
  /** FOCUS 1.2 with AWS's {@code x_} columns. */
  FOCUS(
      List.of(
          "BillingAccountId",
          "SubAccountId",
          "ResourceId",
          "ServiceName",
          "ChargeCategory",
          "ChargePeriodStart",
          "ListCost",
          "BilledCost",
          "EffectiveCost",
          "ConsumedQuantity",
          "RegionId",
          "CommitmentDiscountId",
          "InvoiceId",
          "x_ServiceCode",
          "x_UsageType"),
      Set.of("InvoiceId"));

  /** Every column the import reads, in the order {@link LineMapper}'s indexes refer to. */
  final List<String> columns;

  /** The columns an export must have: all those read but the optional ones, in the same order. */
  final List<String> required;

  ExportTable(List<String> columns, Set<String> optional) {
    this.columns = columns;
    this.required = columns.stream().filter(column -> !optional.contains(column)).toList();
  }

  /** The table the columns belong to; every column the import needs must be there. */
  static ExportTable of(String object, Set<String> columns) {
    ExportTable table;
    if (columns.contains("line_item_line_item_type")) {
      table = CUR2;
    } else if (columns.contains("ChargeCategory") && columns.contains("BilledCost")) {
      table = FOCUS;
    } else {
      throw BillImportException.badInput(
          object
              + ": neither a CUR 2.0 nor a FOCUS export (no line_item_line_item_type or"
              + " ChargeCategory column)");
    }
    table.check(object, columns);
    return table;
  }

  /** Fails naming the first required column that is missing. */
  void check(String object, Set<String> columns) {
    for (String column : required) {
      if (!columns.contains(column)) {
        throw BillImportException.badInput(
            object
                + ": column "
                + column
                + " is missing"
                + (column.equals("line_item_resource_id")
                    ? " (create the export with INCLUDE_RESOURCES)"
                    : ""));
      }
    }
  }
}
