package io.lambdaledger.sim;

import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.LineUsage;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.RegionRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns a month's (or month-to-date's) bill into daily line items per function, charge and line
 * type, the way a CUR 2.0 export with resource ids shows it. Each function configuration's cents of
 * each charge (from the cost engine, free tier and tiers applied) are split over the days by that
 * day's share of the usage (largest remainder), so the lines add up to the bill to the cent.
 * Compute the Savings Plan covers is billed as covered usage and negated; each payer's plan fee
 * and, once the month is closed, its credit are lines without a function.
 */
final class BillLines {

  private static final int SCALE = 10;

  private BillLines() {}

  /**
   * @param days the window's days in order, each with the truth of its functions by ARN
   * @param closed whether the month is closed: credits and invoice ids appear then
   */
  static List<ExportLine> of(
      MonthlyBill bill,
      PriceBook book,
      List<LocalDate> days,
      List<Map<String, FunctionTruth>> dayTruths,
      boolean closed) {
    List<ExportLine> out = new ArrayList<>();
    for (LineCost cost : bill.report().lines()) {
      UsageLine line = cost.line();
      RegionRates rates = book.rates(line.region(), line.architecture());
      boolean covered = bill.savingsPlanCovered().contains(line.function());
      String payer = line.payer();
      String invoice = closed ? invoiceId(payer, bill) : "";
      String plan = savingsPlanArn(bill, payer);
      long[][] weights = new long[PriceGroup.values().length][days.size()];
      for (int d = 0; d < days.size(); d++) {
        FunctionTruth f = dayTruths.get(d).get(line.function());
        ConfigUsage c = f == null ? null : configOf(f, line);
        if (c == null) {
          continue;
        }
        weights[PriceGroup.REQUESTS.ordinal()][d] = c.invocations();
        weights[PriceGroup.DURATION.ordinal()][d] =
            c.billedMs() - c.provisionedBilledMs() + c.initBilledMs();
        weights[PriceGroup.EPHEMERAL_STORAGE.ordinal()][d] = c.billedMs() + c.initBilledMs();
        weights[PriceGroup.PROVISIONED_CONCURRENCY.ordinal()][d] = c.provisionedSeconds();
        weights[PriceGroup.PROVISIONED_DURATION.ordinal()][d] = c.provisionedBilledMs();
      }
      for (PriceGroup group : PriceGroup.values()) {
        BigDecimal cents = cost.charges().get(group);
        BigDecimal usage = usageOf(cost.usage(), group);
        if (cents.signum() == 0 && usage.signum() == 0) {
          continue;
        }
        long[] w = weights[group.ordinal()];
        long[] dayCents = apportion(cents.movePointRight(2).longValueExact(), w);
        long total = Arrays.stream(w).sum();
        BigDecimal rate = rates.rate(group);
        String usageType = rates.usageType(group);
        boolean planCovers =
            covered
                && (group == PriceGroup.DURATION
                    || group == PriceGroup.PROVISIONED_CONCURRENCY
                    || group == PriceGroup.PROVISIONED_DURATION);
        for (int d = 0; d < days.size(); d++) {
          if (dayCents[d] == 0 && w[d] == 0) {
            continue;
          }
          BigDecimal dayUsage =
              total == 0
                  ? (d == 0 ? usage : BigDecimal.ZERO)
                  : usage
                      .multiply(BigDecimal.valueOf(w[d]))
                      .divide(BigDecimal.valueOf(total), SCALE, RoundingMode.HALF_EVEN);
          BigDecimal unblended = BigDecimal.valueOf(dayCents[d], 2);
          BigDecimal list = dayUsage.multiply(rate).setScale(SCALE, RoundingMode.HALF_EVEN);
          Instant start = days.get(d).atStartOfDay(ZoneOffset.UTC).toInstant();
          Instant end = start.plusSeconds(86_400);
          String description = rate.toPlainString() + " per " + group.unit() + " " + usageType;
          DayCharge charge =
              new DayCharge(payer, line, usageType, start, end, group.unit(), rate, invoice);
          BigDecimal effective =
              planCovers
                  ? unblended.multiply(TruthPricer.SAVINGS_PLAN_RATE).setScale(SCALE)
                  : unblended;
          out.add(
              charge.line(
                  planCovers ? "SavingsPlanCoveredUsage" : "Usage",
                  description,
                  dayUsage,
                  unblended,
                  list,
                  effective,
                  planCovers ? plan : ""));
          if (planCovers) {
            out.add(
                charge.line(
                    "SavingsPlanNegation",
                    "SavingsPlanNegation used by AccountId : " + line.account(),
                    BigDecimal.ZERO,
                    unblended.negate(),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    plan));
          }
        }
      }
    }
    Instant monthStart = bill.from();
    for (MonthlyBill.PayerAdjustments p : bill.payers()) {
      String invoice = closed ? invoiceId(p.payer(), bill) : "";
      if (p.savingsPlanFee().signum() != 0) {
        out.add(
            new ExportLine(
                p.payer(),
                p.payer(),
                "",
                p.savingsPlanArn(),
                "SavingsPlanRecurringFee",
                "ComputeSavingsPlans",
                "ComputeSP:1yrNoUpfront",
                "",
                "Compute Savings Plan recurring fee",
                monthStart,
                bill.to(),
                BigDecimal.ZERO,
                "Hrs",
                BigDecimal.ZERO,
                p.savingsPlanFee(),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                p.savingsPlanArn(),
                invoice));
      }
      if (closed && p.credit().signum() != 0) {
        out.add(
            new ExportLine(
                p.payer(),
                p.payer(),
                "",
                "",
                "Credit",
                "AWSLambda",
                "",
                "",
                "AWS Promotional Credit",
                monthStart,
                bill.to(),
                BigDecimal.ZERO,
                "",
                BigDecimal.ZERO,
                p.credit(),
                BigDecimal.ZERO,
                p.credit(),
                "",
                invoice));
      }
    }
    return out;
  }

  /** What the lines of one function's charge on one day have in common. */
  private record DayCharge(
      String payer,
      UsageLine line,
      String usageType,
      Instant start,
      Instant end,
      String unit,
      BigDecimal rate,
      String invoice) {

    ExportLine line(
        String lineItemType,
        String description,
        BigDecimal usage,
        BigDecimal unblended,
        BigDecimal list,
        BigDecimal effective,
        String plan) {
      return new ExportLine(
          payer,
          line.account(),
          line.region(),
          line.function(),
          lineItemType,
          "AWSLambda",
          usageType,
          "Invoke",
          description,
          start,
          end,
          usage,
          unit,
          rate,
          unblended,
          list,
          effective,
          plan,
          invoice);
    }
  }

  private static String savingsPlanArn(MonthlyBill bill, String payer) {
    for (MonthlyBill.PayerAdjustments p : bill.payers()) {
      if (p.payer().equals(payer)) {
        return p.savingsPlanArn();
      }
    }
    return "";
  }

  /** A ten-digit invoice id per payer and month. */
  static String invoiceId(String payer, MonthlyBill bill) {
    long h = Rng.hash(Long.parseLong(payer), bill.month().getYear(), bill.month().getMonthValue());
    return Long.toString(1_000_000_000L + Math.floorMod(h, 9_000_000_000L));
  }

  private static ConfigUsage configOf(FunctionTruth f, UsageLine line) {
    for (ConfigUsage c : f.configs()) {
      if (c.memoryMb() == line.memoryMb()
          && c.ephemeralStorageMb() == line.ephemeralStorageMb()
          && c.architecture().equals(line.architecture().toString())) {
        return c;
      }
    }
    return null;
  }

  private static BigDecimal usageOf(LineUsage u, PriceGroup group) {
    return switch (group) {
      case REQUESTS -> BigDecimal.valueOf(u.requests());
      case DURATION -> u.gbSeconds();
      case EPHEMERAL_STORAGE -> u.ephemeralStorageGbSeconds();
      case PROVISIONED_CONCURRENCY -> u.provisionedConcurrencyGbSeconds();
      case PROVISIONED_DURATION -> u.provisionedDurationGbSeconds();
    };
  }

  /** Splits cents by weights, largest remainder; with no weight, all on the first part. */
  static long[] apportion(long cents, long[] weights) {
    long[] out = new long[weights.length];
    long total = Arrays.stream(weights).sum();
    if (weights.length == 0) {
      return out;
    }
    if (total == 0) {
      out[0] = cents;
      return out;
    }
    long sign = cents < 0 ? -1 : 1;
    long amount = Math.abs(cents);
    BigDecimal[] remainders = new BigDecimal[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      java.math.BigInteger[] qr =
          java.math.BigInteger.valueOf(amount)
              .multiply(java.math.BigInteger.valueOf(weights[i]))
              .divideAndRemainder(java.math.BigInteger.valueOf(total));
      out[i] = qr[0].longValueExact();
      remainders[i] = new BigDecimal(qr[1]);
      given += out[i];
    }
    for (long left = amount - given; left > 0; left--) {
      int best = -1;
      for (int i = 0; i < weights.length; i++) {
        if (remainders[i].signum() >= 0
            && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
          best = i;
        }
      }
      out[best]++;
      remainders[best] = BigDecimal.ONE.negate();
    }
    for (int i = 0; i < out.length; i++) {
      out[i] *= sign;
    }
    return out;
  }
}
