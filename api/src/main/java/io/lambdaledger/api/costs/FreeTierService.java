package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.core.costing.FreeTierUse;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.Clock;
import java.time.YearMonth;
import java.util.NoSuchElementException;

/** {@code /free-tier}'s month: the rule is {@link FreeTierUse}'s, with the month's allowance. */
public record FreeTierService(UsageReader usage, PriceBooks priceBooks, Clock clock) {

  FreeTierUse freeTier(YearMonth month, AccountScope scope) {
    FreeTierAllowance allowance;
    try {
      allowance = priceBooks.inForce(month).freeTier();
    } catch (NoSuchElementException e) {
      throw ApiProblem.badParameter("month", "no price book covers " + month);
    }
    return FreeTierUse.of(usage, month, allowance, scope, clock.instant());
  }
}
