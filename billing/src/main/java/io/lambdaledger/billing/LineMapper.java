package io.lambdaledger.billing;

import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a CUR 2.0 or FOCUS row to a {@link MappedLine}: Lambda's lines, and Savings Plan fees (which
 * pay for the compute the plan covers); other services' lines are skipped. What a value maps to (an
 * ARN, a usage type, a description) is remembered, since an export repeats them on many lines.
 */
final class LineMapper {

  /** A Lambda function ARN, without a version or alias qualifier. */
  private static final Pattern FUNCTION_ARN =
      Pattern.compile("(arn:aws[a-z-]*:lambda:([a-z0-9-]+):\\d{12}:function:[A-Za-z0-9_-]+)(:.*)?");

  /** Most values remembered per map; past it a map starts afresh. */
  private static final int MEMO = 100_000;

  // CUR 2.0 columns, in the order of ExportTable.CUR2.columns.
  private static final int C_PAYER = 0;
  private static final int C_INVOICE = 1;
  private static final int C_ACCOUNT = 2;
  private static final int C_PRODUCT = 3;
  private static final int C_RESOURCE = 4;
  private static final int C_TYPE = 5;
  private static final int C_DESCRIPTION = 6;
  private static final int C_USAGE_TYPE = 7;
  private static final int C_START = 8;
  private static final int C_AMOUNT = 9;
  private static final int C_UNBLENDED = 10;
  private static final int C_PUBLIC = 11;
  private static final int C_REGION = 12;
  private static final int C_EFFECTIVE = 13;

  // FOCUS columns, in the order of ExportTable.FOCUS.columns.
  private static final int F_ACCOUNT = 0;
  private static final int F_SUB_ACCOUNT = 1;
  private static final int F_RESOURCE = 2;
  private static final int F_SERVICE = 3;
  private static final int F_CATEGORY = 4;
  private static final int F_START = 5;
  private static final int F_LIST = 6;
  private static final int F_BILLED = 7;
  private static final int F_EFFECTIVE = 8;
  private static final int F_QUANTITY = 9;
  private static final int F_REGION = 10;
  private static final int F_COMMITMENT = 11;
  private static final int F_INVOICE = 12;
  private static final int F_SERVICE_CODE = 13;
  private static final int F_USAGE_TYPE = 14;

  /** A resource id that is not a function's ARN. */
  private static final String[] NOT_A_FUNCTION = new String[0];

  private final ExportTable table;
  private final MappedLine line = new MappedLine();
  private final Map<String, String[]> functions = new HashMap<>();
  private final Map<String, ChargeKind> kinds = new HashMap<>();
  private final Map<String, Boolean> freeTier = new HashMap<>();

  LineMapper(ExportTable table) {
    this.table = table;
  }

  /** The columns a reader must present, in the order {@link Row}'s indexes refer to. */
  static List<String> columns(ExportTable table) {
    return table.columns;
  }

  /** The row as a line (reused: valid until the next call), or null if it is not Lambda's. */
  MappedLine map(Row row) {
    return table == ExportTable.CUR2 ? cur(row) : focus(row);
  }

  private MappedLine cur(Row row) {
    String product = row.text(C_PRODUCT);
    String type = row.text(C_TYPE);
    if (!product.equals("AWSLambda") && !type.equals("SavingsPlanRecurringFee")) {
      return null;
    }
    LineType lineType =
        switch (type) {
          case "Usage", "DiscountedUsage" ->
              isFreeTier(row.text(C_DESCRIPTION)) ? LineType.FREE_TIER : LineType.USAGE;
          case "SavingsPlanCoveredUsage" -> LineType.SAVINGS_PLAN_COVERED;
          case "SavingsPlanNegation" -> LineType.SAVINGS_PLAN_NEGATION;
          case "SavingsPlanRecurringFee", "SavingsPlanUpfrontFee" -> LineType.SAVINGS_PLAN_FEE;
          case "Credit" -> LineType.CREDIT;
          case "Refund" -> LineType.REFUND;
          case "Tax" -> LineType.TAX;
          default -> LineType.OTHER;
        };
    MappedLine l = line;
    row.decimal(C_UNBLENDED, l.billed);
    switch (lineType) {
      case SAVINGS_PLAN_COVERED -> row.decimal(C_EFFECTIVE, l.net);
      case SAVINGS_PLAN_NEGATION, SAVINGS_PLAN_FEE -> l.net.setZero();
      default -> l.net.set(l.billed);
    }
    row.decimal(C_AMOUNT, l.usage);
    row.decimal(C_PUBLIC, l.list);
    return fill(
        row.text(C_PAYER),
        row.text(C_ACCOUNT),
        row.text(C_REGION),
        row.text(C_RESOURCE),
        row.epochDay(C_START),
        lineType,
        row.text(C_USAGE_TYPE),
        row.text(C_INVOICE));
  }

  private MappedLine focus(Row row) {
    String category = row.text(F_CATEGORY);
    String commitment = row.text(F_COMMITMENT);
    boolean lambda =
        row.text(F_SERVICE_CODE).equals("AWSLambda") || row.text(F_SERVICE).equals("AWS Lambda");
    boolean planFee = category.equals("Purchase") && !commitment.isEmpty();
    if (!lambda && !planFee) {
      return null;
    }
    LineType lineType =
        switch (category) {
          case "Usage" -> commitment.isEmpty() ? LineType.USAGE : LineType.SAVINGS_PLAN_COVERED;
          case "Purchase" -> planFee ? LineType.SAVINGS_PLAN_FEE : LineType.OTHER;
          case "Credit" -> LineType.CREDIT;
          case "Tax" -> LineType.TAX;
          case "Adjustment" -> LineType.REFUND;
          default -> LineType.OTHER;
        };
    MappedLine l = line;
    row.decimal(F_QUANTITY, l.usage);
    row.decimal(F_LIST, l.list);
    row.decimal(F_BILLED, l.billed);
    row.decimal(F_EFFECTIVE, l.net);
    return fill(
        row.text(F_ACCOUNT),
        row.text(F_SUB_ACCOUNT),
        row.text(F_REGION),
        row.text(F_RESOURCE),
        row.epochDay(F_START),
        lineType,
        row.text(F_USAGE_TYPE),
        row.text(F_INVOICE));
  }

  private MappedLine fill(
      String payer,
      String account,
      String region,
      String resource,
      int epochDay,
      LineType lineType,
      String usageType,
      String invoice) {
    MappedLine l = line;
    String[] function = function(resource);
    l.payer = payer;
    l.account = account;
    l.region = function == NOT_A_FUNCTION ? region : function[1];
    l.function = function == NOT_A_FUNCTION ? null : function[0];
    l.epochDay = epochDay;
    l.type = lineType;
    l.kind =
        switch (lineType) {
          case USAGE, FREE_TIER, SAVINGS_PLAN_COVERED, SAVINGS_PLAN_NEGATION -> kind(usageType);
          default -> ChargeKind.OTHER;
        };
    l.usageType = usageType;
    l.invoice = invoice.isEmpty() ? null : invoice;
    return l;
  }

  /** The function's ARN and region if the resource id is one, else {@link #NOT_A_FUNCTION}. */
  private String[] function(String resource) {
    String[] known = functions.get(resource);
    if (known != null) {
      return known;
    }
    Matcher arn = FUNCTION_ARN.matcher(resource);
    String[] parts = arn.matches() ? new String[] {arn.group(1), arn.group(2)} : NOT_A_FUNCTION;
    remember(functions, resource, parts);
    return parts;
  }

  private ChargeKind kind(String usageType) {
    ChargeKind known = kinds.get(usageType);
    if (known == null) {
      known = ChargeKind.ofUsageType(usageType);
      remember(kinds, usageType, known);
    }
    return known;
  }

  private boolean isFreeTier(String description) {
    Boolean known = freeTier.get(description);
    if (known == null) {
      known = description.toLowerCase(Locale.ROOT).contains("free tier");
      remember(freeTier, description, known);
    }
    return known;
  }

  private static <V> void remember(Map<String, V> memo, String key, V value) {
    if (memo.size() >= MEMO) {
      memo.clear();
    }
    memo.put(key, value);
  }
}
