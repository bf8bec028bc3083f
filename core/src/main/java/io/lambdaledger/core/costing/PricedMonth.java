package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.cost.PayerCost;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A priced month (or month to date) over every account, and what of it a caller may see. Lines are
 * priced together so the free tier and volume tiers are shared as on the bill; everything handed
 * out — lines, and the warnings with their counts and bounds — is then derived from the lines of
 * the accounts in the caller's scope only, so no number tells one account's viewer about another
 * account.
 *
 * @param priceVersion the price book used, or null when no price book was needed
 * @param lines the priced lines, in input order
 * @param unpriced usage in regions the price book does not know: listed without a cost, in no total
 * @param payers each payer's bill, by payer account
 */
public record PricedMonth(
    String priceVersion,
    List<PricedLine> lines,
    List<FunctionUsage> unpriced,
    Map<String, PayerCost> payers) {

  /** Nothing to price and no price book needed. */
  public static final PricedMonth EMPTY = new PricedMonth(null, List.of(), List.of(), Map.of());

  public PricedMonth {
    lines = List.copyOf(lines);
    unpriced = List.copyOf(unpriced);
    payers = Map.copyOf(payers);
  }

  /** The lines of the accounts in {@code scope}, in input order. */
  public List<PricedLine> lines(AccountScope scope) {
    if (scope.unrestricted()) {
      return lines;
    }
    return lines.stream().filter(line -> scope.includes(line.accountId())).toList();
  }

  /** The usage in unpriced regions of the accounts in {@code scope}, in input order. */
  public List<FunctionUsage> unpriced(AccountScope scope) {
    if (scope.unrestricted()) {
      return unpriced;
    }
    return unpriced.stream().filter(line -> scope.includes(line.function().accountId())).toList();
  }

  private List<UnpricedUsage> unpricedUsage(AccountScope scope) {
    return unpriced(scope).stream().map(UnpricedUsage::of).toList();
  }

  /**
   * What the caller must know about the lines in {@code scope}: regions without prices (with their
   * usage), and durations that are only bounded. The rounding bound of a payer whose every account
   * is in scope is the payer's own (the free tier re-shared at the upper bound); otherwise it is
   * the sum of the visible lines' own bounds, rounded up to the cent.
   */
  public List<CostWarning> warnings(AccountScope scope) {
    List<CostWarning> warnings =
        new ArrayList<>(UnpricedUsage.warnings(priceVersion, unpricedUsage(scope)));
    List<PricedLine> visible = lines(scope);
    int bounded = 0;
    for (PricedLine line : visible) {
      if (line.cost().line().hasDurationBound()) {
        bounded++;
      }
    }
    if (bounded > 0) {
      BigDecimal total = BigDecimal.ZERO.setScale(2);
      BigDecimal extra = BigDecimal.ZERO.setScale(2);
      for (Map.Entry<String, List<PricedLine>> payer : byPayer(visible).entrySet()) {
        BigDecimal payerTotal = BigDecimal.ZERO.setScale(2);
        BigDecimal lineExtras = BigDecimal.ZERO;
        for (PricedLine line : payer.getValue()) {
          payerTotal = payerTotal.add(line.cost().total());
          lineExtras = lineExtras.add(line.cost().upperBoundExtra());
        }
        PayerCost whole = payers.get(payer.getKey());
        total = total.add(payerTotal);
        extra =
            extra.add(
                seesWholePayer(scope, payer.getKey())
                    ? whole.upperBoundTotal().subtract(whole.total())
                    : lineExtras.setScale(2, RoundingMode.CEILING));
      }
      warnings.addAll(CostWarning.ofBoundedDurations(bounded, total, total.add(extra)));
    }
    return warnings;
  }

  private static Map<String, List<PricedLine>> byPayer(List<PricedLine> lines) {
    Map<String, List<PricedLine>> byPayer = new HashMap<>();
    for (PricedLine line : lines) {
      byPayer.computeIfAbsent(line.cost().line().payer(), payer -> new ArrayList<>()).add(line);
    }
    return byPayer;
  }

  /** True when every account with priced lines under {@code payer} is in scope. */
  private boolean seesWholePayer(AccountScope scope, String payer) {
    if (scope.unrestricted()) {
      return true;
    }
    Set<String> accounts = new HashSet<>();
    for (PricedLine line : lines) {
      if (line.cost().line().payer().equals(payer)) {
        accounts.add(line.accountId());
      }
    }
    return accounts.stream().allMatch(scope::includes);
  }
}
