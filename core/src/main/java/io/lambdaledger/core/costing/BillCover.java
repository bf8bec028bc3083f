package io.lambdaledger.core.costing;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.LineType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a month's imported bill covers, and the rule that uses it: the bill for the whole UTC
 * days it covers, the estimate for the rest ({@code /costs?source=best} and the monthly reports
 * alike). Pure.
 */
public final class BillCover {

  /** Where the figures of a part of a window come from. */
  public enum Source {
    ESTIMATE,
    BILLED
  }

  /** One part of a window, {@code [start, end)}, and its source. */
  public record Part(Source source, Instant start, Instant end) {
    public boolean billed() {
      return source == Source.BILLED;
    }
  }

  public static final BillCover NONE = new BillCover(null, null);

  private final Instant start;
  private final Instant end;

  private BillCover(Instant start, Instant end) {
    this.start = start;
    this.end = end;
  }

  /** From the first to the last day any of {@code amounts} was used on, both included. */
  public static BillCover of(List<BilledAmount> amounts) {
    LocalDate first = null;
    LocalDate last = null;
    for (BilledAmount amount : amounts) {
      LocalDate day = amount.usageDate();
      first = first == null || day.isBefore(first) ? day : first;
      last = last == null || day.isAfter(last) ? day : last;
    }
    return first == null ? NONE : of(first, last);
  }

  /** From {@code first} to {@code last}, both included. */
  public static BillCover of(LocalDate first, LocalDate last) {
    return new BillCover(
        first.atStartOfDay(ZoneOffset.UTC).toInstant(),
        last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  public boolean isEmpty() {
    return start == null;
  }

  /** The start of the first billed day. */
  public Instant start() {
    return start;
  }

  /** The end of the last billed day. */
  public Instant end() {
    return end;
  }

  /**
   * {@code [from, to)} cut into the whole UTC days the bill covers ({@link Source#BILLED}) and the
   * rest ({@link Source#ESTIMATE}), in time order; one estimate part when the bill covers none of
   * it.
   */
  public List<Part> cut(Instant from, Instant to) {
    if (isEmpty()) {
      return List.of(new Part(Source.ESTIMATE, from, to));
    }
    Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
    Instant billedFrom = firstDay.equals(from) ? firstDay : firstDay.plus(1, ChronoUnit.DAYS);
    Instant billedTo = to.truncatedTo(ChronoUnit.DAYS);
    billedFrom = billedFrom.isBefore(start) ? start : billedFrom;
    billedTo = billedTo.isAfter(end) ? end : billedTo;
    if (!billedFrom.isBefore(billedTo)) {
      return List.of(new Part(Source.ESTIMATE, from, to));
    }
    List<Part> parts = new ArrayList<>(3);
    if (from.isBefore(billedFrom)) {
      parts.add(new Part(Source.ESTIMATE, from, billedFrom));
    }
    parts.add(new Part(Source.BILLED, billedFrom, billedTo));
    if (billedTo.isBefore(to)) {
      parts.add(new Part(Source.ESTIMATE, billedTo, to));
    }
    return parts;
  }

  /**
   * {@code [from, to)} cut as {@link #cut(Instant, Instant)}, the estimated parts left out unless
   * {@code withEstimate}: the best source keeps them, the bill alone does not.
   */
  public List<Part> cut(Instant from, Instant to, boolean withEstimate) {
    List<Part> parts = cut(from, to);
    return withEstimate ? parts : parts.stream().filter(Part::billed).toList();
  }

  /**
   * Whether a bill line is part of a function's charges: usage, free tier and Savings Plan covered
   * usage and negations are; plan fees, credits, refunds and tax are not.
   */
  public static boolean chargesUsage(LineType type) {
    return type == LineType.USAGE
        || type == LineType.FREE_TIER
        || type == LineType.SAVINGS_PLAN_COVERED
        || type == LineType.SAVINGS_PLAN_NEGATION;
  }
}
