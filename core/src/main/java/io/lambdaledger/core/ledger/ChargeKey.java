package io.lambdaledger.core.ledger;

import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;

/**
 * What {@link BilledMonths#summed} sums billed days by: one charge of one function (or none) in one
 * account and region, of one line type.
 */
record ChargeKey(
    String payerAccount,
    String usageAccount,
    String region,
    String functionArn,
    ChargeKind chargeKind,
    LineType lineType) {}
