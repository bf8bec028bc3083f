package io.lambdaledger.api.costs;

import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;

/** A priced line: one function under one billing configuration, and who pays for it. */
public record LineKey(FunctionKey function, BillingConfiguration configuration, String payer) {

  public static LineKey of(FunctionUsage usage) {
    return new LineKey(usage.function(), usage.configuration(), usage.payerAccountId());
  }
}
