package io.lambdaledger.reports;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.costing.BillCover;
import io.lambdaledger.core.costing.Reconciliation;
import io.lambdaledger.core.ledger.BilledMonths;
import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a month's imported bill changes in its report, by the rule {@code /costs?source=best} uses
 * ({@link BillCover}): the bill for the whole UTC days it covers, the estimate for the rest. Holds
 * the billed part of the month, each function's charges in it (summed over the days by the store:
 * one amount per function, charge and line type, whatever the number of days), and the stored usage
 * from the month's start to each end of the billed part (the estimate of the billed days is the
 * difference, and is taken out of the estimated rows).
 */
final class MonthBill {

  static final MonthBill NONE = new MonthBill(null, List.of(), Map.of(), List.of(), List.of());

  private final BillCover.Part billed;
  private final List<BillCover.Part> estimated;
  private final Map<FunctionKey, Map<ChargeKind, Charge>> functions;
  private final List<UsageLine> usageToStart;
  private final List<UsageLine> usageToEnd;

  private MonthBill(
      BillCover.Part billed,
      List<BillCover.Part> estimated,
      Map<FunctionKey, Map<ChargeKind, Charge>> functions,
      List<UsageLine> usageToStart,
      List<UsageLine> usageToEnd) {
    this.billed = billed;
    this.estimated = estimated;
    this.functions = functions;
    this.usageToStart = usageToStart;
    this.usageToEnd = usageToEnd;
  }

  /** Reads the stored usage of the month up to an instant, as the cost engine's lines. */
  @FunctionalInterface
  interface UsageTo {
    List<UsageLine> read(Instant end);
  }

  /**
   * @param bill the imported bill (every account)
   * @param usage the stored usage from the month's start to an instant (every account)
   */
  static MonthBill of(YearMonth month, BilledMonths bill, UsageTo usage) {
    Optional<BilledMonths.Days> days = bill.days(month);
    if (days.isEmpty()) {
      return NONE;
    }
    BillCover cover = BillCover.of(days.get().first(), days.get().last());
    Instant monthStart = RowOrigin.monthStart(month);
    BillCover.Part billed = null;
    List<BillCover.Part> estimated = new ArrayList<>(2);
    for (BillCover.Part part : cover.cut(monthStart, RowOrigin.monthStart(month.plusMonths(1)))) {
      if (part.billed()) {
        billed = part;
      } else {
        estimated.add(part);
      }
    }
    if (billed == null) {
      return NONE;
    }
    LocalDate from = day(billed.start());
    LocalDate to = day(billed.end());
    Map<FunctionKey, Map<ChargeKind, Sum>> sums = new HashMap<>();
    for (BilledAmount amount : bill.summed(month, from, to)) {
      FunctionKey function = Reconciliation.functionOf(amount.functionArn());
      if (function != null
          && BillCover.chargesUsage(amount.lineType())
          && amount.chargeKind() != io.lambdaledger.core.bill.ChargeKind.OTHER) {
        sums.computeIfAbsent(function, k -> new EnumMap<>(ChargeKind.class))
            .computeIfAbsent(ChargeKind.valueOf(amount.chargeKind().name()), k -> new Sum())
            .add(amount);
      }
    }
    Map<FunctionKey, Map<ChargeKind, Charge>> functions = inCents(sums);
    return new MonthBill(
        billed,
        List.copyOf(estimated),
        functions,
        billed.start().equals(monthStart) ? List.of() : usage.read(billed.start()),
        usage.read(billed.end()));
  }

  private static LocalDate day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  boolean isEmpty() {
    return billed == null;
  }

  /** The billed days, {@code [start, end)}. */
  BillCover.Part billed() {
    return billed;
  }

  /** The days of the month the bill does not cover, in time order (none, one or two parts). */
  List<BillCover.Part> estimated() {
    return estimated;
  }

  /** The function's charges in the billed days, by kind; empty when the bill has none. */
  Map<ChargeKind, Charge> charges(FunctionKey function) {
    return functions.getOrDefault(function, Map.of());
  }

  /**
   * One function's charge of one kind in the billed days.
   *
   * @param quantity usage billed (requests, GB-seconds), Savings Plan negations left out
   * @param billedCost in cents: the bill's usage, free-tier and Savings Plan lines summed
   * @param netCost in cents: their net (effective) cost
   * @param freeTierCredit in cents: what the free-tier lines are worth at list price
   * @param invoiceId AWS's invoice id (the largest of the lines'), null before invoicing
   */
  record Charge(
      BigDecimal quantity,
      BigDecimal billedCost,
      BigDecimal netCost,
      BigDecimal freeTierCredit,
      String invoiceId) {}

  /** One function charge's bill lines, summed exactly. */
  private static final class Sum {
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal billed = BigDecimal.ZERO;
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal list = BigDecimal.ZERO;
    BigDecimal freeTier = BigDecimal.ZERO;
    String invoiceId;

    void add(BilledAmount line) {
      if (line.lineType() != LineType.SAVINGS_PLAN_NEGATION) {
        quantity = quantity.add(line.usageAmount());
      }
      if (line.lineType() == LineType.FREE_TIER) {
        freeTier = freeTier.add(line.listCost().subtract(line.billedCost()));
      }
      billed = billed.add(line.billedCost());
      net = net.add(line.netCost());
      list = list.add(line.listCost());
      String id = line.invoiceId();
      if (id != null && !id.isBlank() && (invoiceId == null || id.compareTo(invoiceId) > 0)) {
        invoiceId = id;
      }
    }
  }

  /**
   * Every function charge's billed and net cost in cents, so that they add up to the bill's exact
   * total rounded to the cent (largest remainders, as the cost engine allocates): rounding each on
   * its own could leave the report's total cents away from the bill's.
   */
  private static Map<FunctionKey, Map<ChargeKind, Charge>> inCents(
      Map<FunctionKey, Map<ChargeKind, Sum>> sums) {
    List<Sum> all = new ArrayList<>();
    sums.values().forEach(kinds -> all.addAll(kinds.values()));
    List<BigDecimal> caps = all.stream().map(x -> x.list).toList();
    BigDecimal[] billed = cents(all.stream().map(x -> x.billed).toList(), caps);
    BigDecimal[] net = cents(all.stream().map(x -> x.net).toList(), caps);
    Map<Sum, Integer> index = new java.util.IdentityHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      index.put(all.get(i), i);
    }
    Map<FunctionKey, Map<ChargeKind, Charge>> out = new HashMap<>();
    sums.forEach(
        (function, kinds) -> {
          Map<ChargeKind, Charge> charges = new EnumMap<>(ChargeKind.class);
          kinds.forEach(
              (kind, sum) -> {
                int i = index.get(sum);
                charges.put(
                    kind,
                    new Charge(
                        sum.quantity,
                        billed[i],
                        net[i],
                        sum.freeTier.max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP),
                        sum.invoiceId));
              });
          out.put(function, charges);
        });
    return out;
  }

  /**
   * Amounts in cents adding up to their exact sum rounded half up: each is rounded down, then the
   * cents still missing go one each to the largest remainders, first among the amounts a cent more
   * keeps within their cap (the bill's list cost: FOCUS BilledCost should not exceed ListCost),
   * then among the others.
   */
  static BigDecimal[] cents(List<BigDecimal> exact, List<BigDecimal> caps) {
    BigDecimal[] out = new BigDecimal[exact.size()];
    BigDecimal[] fractions = new BigDecimal[exact.size()];
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal floors = BigDecimal.ZERO;
    for (int i = 0; i < out.length; i++) {
      BigDecimal x = exact.get(i);
      sum = sum.add(x);
      out[i] = x.setScale(2, RoundingMode.FLOOR);
      fractions[i] = x.subtract(out[i]);
      floors = floors.add(out[i]);
    }
    long missing =
        sum.setScale(2, RoundingMode.HALF_UP).subtract(floors).movePointRight(2).longValueExact();
    Integer[] order = new Integer[out.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    BigDecimal cent = new BigDecimal("0.01");
    boolean[] room = new boolean[out.length];
    for (int i = 0; i < out.length; i++) {
      room[i] = out[i].add(cent).compareTo(caps.get(i)) <= 0;
    }
    java.util.Arrays.sort(
        order,
        (a, b) -> room[a] != room[b] ? (room[a] ? -1 : 1) : fractions[b].compareTo(fractions[a]));
    for (int k = 0; k < missing && k < order.length; k++) {
      out[order[k]] = out[order[k]].add(cent);
    }
    return out;
  }

  /** The stored usage from the month's start to the start of the billed days. */
  List<UsageLine> usageToStart() {
    return usageToStart;
  }

  /** The stored usage from the month's start to the end of the billed days. */
  List<UsageLine> usageToEnd() {
    return usageToEnd;
  }
}
