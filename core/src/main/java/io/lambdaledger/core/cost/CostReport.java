package io.lambdaledger.core.cost;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The priced month (or what-if scenario).
 *
 * @param priceVersion version of the price book used
 * @param currency always {@code USD}
 * @param charges per component over all payers (cents)
 * @param total sum of all payers' totals
 * @param upperBoundTotal the total if bounded durations were at their upper bound
 * @param freeTier the free tier applied over all payers
 * @param payers one per payer, sorted by payer
 * @param lines one per input line, in input order
 * @param warnings what the estimate cannot know
 */
public record CostReport(
    String priceVersion,
    String currency,
    Charges charges,
    BigDecimal total,
    BigDecimal upperBoundTotal,
    FreeTierUse freeTier,
    List<PayerCost> payers,
    List<LineCost> lines,
    List<CostWarning> warnings) {

  public CostReport {
    payers = List.copyOf(payers);
    lines = List.copyOf(lines);
    warnings = List.copyOf(warnings);
  }

  /**
   * Sums the lines' cent charges by any key (function, account, region, tag, ...), in order of
   * first appearance. Because line charges are the allocation of the invoice cents, the groups
   * always add up to {@link #charges()} exactly.
   */
  public <K> Map<K, Charges> sumBy(Function<LineCost, K> key) {
    Map<K, Charges> sums = new LinkedHashMap<>();
    for (LineCost line : lines) {
      sums.merge(key.apply(line), line.charges(), Charges::plus);
    }
    return sums;
  }
}
