package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.model.FunctionUsage;

/**
 * One function configuration's stored usage and what it costs.
 *
 * @param usage the stored usage priced
 * @param cost its share of the payer's bill
 */
public record PricedLine(FunctionUsage usage, LineCost cost) {

  /** The account the line belongs to (what a caller's scope is about). */
  public String accountId() {
    return usage.function().accountId();
  }
}
