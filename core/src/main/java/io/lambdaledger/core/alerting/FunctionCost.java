package io.lambdaledger.core.alerting;

import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;

/** What one function costs (or is forecast to cost) over some span, in US dollars. */
public record FunctionCost(FunctionKey function, BigDecimal cost) {}
