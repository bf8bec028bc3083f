package io.lambdaledger.billing;

import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;

/**
 * One Lambda line of an export as {@link LineMapper} read it, before summing: reused from line to
 * line, so nothing is allocated per line.
 */
final class MappedLine {
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

  final Amount usage = new Amount();
  final Amount list = new Amount();
  final Amount billed = new Amount();
  final Amount net = new Amount();
}
