package io.lambdaledger.billing;

import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import java.util.Objects;

/**
 * What makes lines of an export one bill line once summed ({@link DayAggregator}): function, day,
 * charge kind, line type, usage type, accounts, region and invoice. Mutable and reused, so nothing
 * is allocated per line.
 */
class LineKey {
  String payer;
  String account;
  String region;

  /** The function's ARN, null for a line without one (unallocated). */
  String function;

  int epochDay;
  ChargeKind kind;
  LineType type;
  String usageType;

  /** Null until invoiced. */
  String invoice;

  /** Takes every part of {@code other}'s key. */
  final void setKey(LineKey other) {
    payer = other.payer;
    account = other.account;
    region = other.region;
    function = other.function;
    epochDay = other.epochDay;
    kind = other.kind;
    type = other.type;
    usageType = other.usageType;
    invoice = other.invoice;
  }

  final int keyHash() {
    int h = Objects.hashCode(function);
    h = 31 * h + epochDay;
    h = 31 * h + kind.ordinal();
    h = 31 * h + type.ordinal();
    h = 31 * h + usageType.hashCode();
    h = 31 * h + account.hashCode();
    h = 31 * h + payer.hashCode();
    h = 31 * h + region.hashCode();
    h = 31 * h + Objects.hashCode(invoice);
    return h;
  }

  final boolean sameKey(LineKey k) {
    return k.epochDay == epochDay
        && k.kind == kind
        && k.type == type
        && Objects.equals(k.function, function)
        && k.usageType.equals(usageType)
        && k.account.equals(account)
        && k.payer.equals(payer)
        && k.region.equals(region)
        && Objects.equals(k.invoice, invoice);
  }
}
