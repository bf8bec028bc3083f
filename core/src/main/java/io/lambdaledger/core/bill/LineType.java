package io.lambdaledger.core.bill;

/** Why a billed line item is on the bill (CUR 2.0 {@code line_item_line_item_type}, or FOCUS). */
public enum LineType {
  /** Usage at on-demand rates. */
  USAGE,
  /** Usage the free tier covers (costs nothing). */
  FREE_TIER,
  /** Usage a Savings Plan covers, at on-demand rates (negated by a negation line in CUR). */
  SAVINGS_PLAN_COVERED,
  /** CUR's negation of covered usage's on-demand cost. */
  SAVINGS_PLAN_NEGATION,
  /** The Savings Plan's recurring fee (its commitment). */
  SAVINGS_PLAN_FEE,
  CREDIT,
  REFUND,
  TAX,
  OTHER
}
