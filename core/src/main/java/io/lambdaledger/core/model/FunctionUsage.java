package io.lambdaledger.core.model;

import java.util.Objects;

/**
 * Usage of one function under one billing configuration over a window: the cost engine's input. A
 * function whose configuration changed within the window has one {@code FunctionUsage} per
 * configuration.
 */
public record FunctionUsage(
    FunctionKey function,
    String payerAccountId,
    BillingConfiguration configuration,
    UsageTotals usage) {

  public FunctionUsage {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(payerAccountId, "payerAccountId");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(usage, "usage");
  }
}
