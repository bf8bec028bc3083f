package io.lambdaledger.billing;

/**
 * One Lambda line of an export as {@link LineMapper} read it, before summing: reused from line to
 * line, so nothing is allocated per line.
 */
final class MappedLine extends LineKey {
  final Amount usage = new Amount();
  final Amount list = new Amount();
  final Amount billed = new Amount();
  final Amount net = new Amount();
}
