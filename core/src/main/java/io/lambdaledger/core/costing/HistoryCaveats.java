package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.ledger.HistoryEvidence.NotYetKnown;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a priced line cannot vouch for because of the history behind it: configuration or
 * provisioned concurrency (PC) periods that were inferred or are unknown, and functions whose PC
 * configuration or tags the collector could not read. Each affected line carries a note, and a
 * caller is warned about the functions of the lines it sees only. Where it can be bounded, the
 * amount at risk is the PC GB-seconds of the inferred periods at the region's x86_64 PC rate (the
 * higher of the two architectures', so an upper bound).
 */
public final class HistoryCaveats {

  /** A line is priced with PC periods deduced from CloudWatch metrics. */
  public static final String HISTORY_INFERRED = "HISTORY_INFERRED";

  /** A line had usage before any known configuration: its configuration and PC were assumed. */
  public static final String HISTORY_UNKNOWN = "HISTORY_UNKNOWN";

  /** The collector could not (yet) read a function's PC configuration or tags. */
  public static final String NOT_YET_KNOWN = "NOT_YET_KNOWN";

  /** How many function names a warning lists before "and N more". */
  static final int NAMES_SHOWN = 5;

  /** No evidence of anything uncertain. */
  public static final HistoryCaveats NONE = new HistoryCaveats(null, List.of(), List.of());

  private final PriceBook book;
  private final Map<FunctionKey, FunctionProvenance> provenance = new TreeMap<>();
  private final Map<FunctionKey, List<NotYetKnown>> unknown = new TreeMap<>();

  /**
   * @param book the price book of the month (for the PC rate), or null when none covers it
   */
  public HistoryCaveats(
      PriceBook book, List<FunctionProvenance> provenance, List<NotYetKnown> unknown) {
    this.book = book;
    for (FunctionProvenance one : provenance) {
      this.provenance.merge(
          one.function(),
          one,
          (a, b) ->
              new FunctionProvenance(
                  a.function(),
                  a.month(),
                  a.provenance().weakest(b.provenance()),
                  a.pcGbSecondsAtRisk() == null || b.pcGbSecondsAtRisk() == null
                      ? null
                      : a.pcGbSecondsAtRisk().add(b.pcGbSecondsAtRisk())));
    }
    for (NotYetKnown one : unknown) {
      this.unknown.computeIfAbsent(one.function(), key -> new ArrayList<>()).add(one);
    }
  }

  /** The weakest provenance of the function's history in the month; null when none is recorded. */
  public Provenance provenance(FunctionKey function) {
    FunctionProvenance found = provenance.get(function);
    return found == null ? null : found.provenance();
  }

  /**
   * What the function's cost may be off by in the month (PC at risk at the region's x86_64 PC rate,
   * whole cents rounded up); null when its history is certain or when it cannot be bounded (UNKNOWN
   * history, or a region the price book does not price).
   */
  public BigDecimal atRisk(FunctionKey function) {
    FunctionProvenance found = provenance.get(function);
    if (found == null || !found.warns() || found.pcGbSecondsAtRisk() == null) {
      return null;
    }
    if (book == null || !book.hasRegion(function.region())) {
      return null;
    }
    BigDecimal rate =
        book.rates(function.region(), Architecture.X86_64).rate(PriceGroup.PROVISIONED_CONCURRENCY);
    return found.pcGbSecondsAtRisk().multiply(rate).setScale(2, RoundingMode.CEILING);
  }

  /** Whether anything about the function deserves a warning. */
  public boolean affects(FunctionKey function) {
    FunctionProvenance found = provenance.get(function);
    return (found != null && found.warns()) || unknown.containsKey(function);
  }

  /**
   * The warning codes that apply to the function's lines ({@link #HISTORY_INFERRED}, {@link
   * #HISTORY_UNKNOWN}, {@link #NOT_YET_KNOWN}), in that order; empty when none.
   */
  public List<String> codes(FunctionKey function) {
    List<String> codes = new ArrayList<>(2);
    FunctionProvenance found = provenance.get(function);
    if (found != null && found.provenance() == Provenance.INFERRED) {
      codes.add(HISTORY_INFERRED);
    } else if (found != null && found.provenance() == Provenance.UNKNOWN) {
      codes.add(HISTORY_UNKNOWN);
    }
    if (unknown.containsKey(function)) {
      codes.add(NOT_YET_KNOWN);
    }
    return codes;
  }

  /**
   * One short note per caveat of the function's lines (CSV {@code notes}, FOCUS {@code x_Notes}).
   */
  public List<String> notes(FunctionKey function) {
    List<String> notes = new ArrayList<>(2);
    FunctionProvenance found = provenance.get(function);
    if (found != null && found.provenance() == Provenance.INFERRED) {
      BigDecimal risk = atRisk(function);
      notes.add(
          "history INFERRED: provisioned concurrency deduced from CloudWatch metrics"
              + (risk == null ? "" : ", up to $" + risk.toPlainString() + " at risk"));
    } else if (found != null && found.provenance() == Provenance.UNKNOWN) {
      notes.add(
          "history UNKNOWN: usage before any known configuration, configuration assumed and"
              + " provisioned concurrency unknown");
    }
    for (NotYetKnown one : unknown.getOrDefault(function, List.of())) {
      notes.add(notYetKnownText(one));
    }
    return notes;
  }

  /**
   * The warnings about {@code functions} (those whose lines the caller sees), in a fixed order:
   * inferred history, unknown history, not yet known.
   */
  public List<CostWarning> warnings(Collection<FunctionKey> functions) {
    TreeSet<FunctionKey> inferred = new TreeSet<>();
    TreeSet<FunctionKey> unknownHistory = new TreeSet<>();
    Map<String, TreeSet<FunctionKey>> notRead = new TreeMap<>();
    BigDecimal risk = BigDecimal.ZERO.setScale(2);
    boolean unbounded = false;
    for (FunctionKey function : new TreeSet<>(functions)) {
      FunctionProvenance found = provenance.get(function);
      if (found != null && found.provenance() == Provenance.INFERRED) {
        inferred.add(function);
        BigDecimal one = atRisk(function);
        if (one == null) {
          unbounded = true;
        } else {
          risk = risk.add(one);
        }
      } else if (found != null && found.provenance() == Provenance.UNKNOWN) {
        unknownHistory.add(function);
      }
      for (NotYetKnown one : unknown.getOrDefault(function, List.of())) {
        notRead.computeIfAbsent(notYetKnownText(one), text -> new TreeSet<>()).add(function);
      }
    }
    List<CostWarning> warnings = new ArrayList<>();
    if (!inferred.isEmpty()) {
      warnings.add(
          new CostWarning(
              HISTORY_INFERRED,
              count(inferred)
                  + " priced with provisioned concurrency inferred from CloudWatch metrics (no"
                  + " CloudTrail history): "
                  + names(inferred)
                  + "; their cost may be off by up to $"
                  + risk.toPlainString()
                  + (unbounded ? " and more in regions without prices" : "")
                  + " (the inferred provisioned concurrency at the x86_64 rate)."));
    }
    if (!unknownHistory.isEmpty()) {
      warnings.add(
          new CostWarning(
              HISTORY_UNKNOWN,
              count(unknownHistory)
                  + " had usage before any known configuration: "
                  + names(unknownHistory)
                  + "; their memory and architecture were assumed and provisioned concurrency is"
                  + " unknown, so their cost may be wrong by an amount that cannot be bounded."));
    }
    for (Map.Entry<String, TreeSet<FunctionKey>> entry : notRead.entrySet()) {
      warnings.add(
          new CostWarning(
              NOT_YET_KNOWN,
              entry.getKey()
                  + " ("
                  + count(entry.getValue())
                  + ": "
                  + names(entry.getValue())
                  + ")."));
    }
    return warnings;
  }

  /** The warnings about one function (a function page). */
  public List<CostWarning> warnings(FunctionKey function) {
    return warnings(List.of(function));
  }

  /**
   * Equal when read from the same price book and the same evidence: what the API compares to reuse
   * a cost answer (a caveat read again from unchanged history is the same caveat).
   */
  @Override
  public boolean equals(Object other) {
    return other == this
        || other instanceof HistoryCaveats that
            && book == that.book
            && hashCode() == that.hashCode()
            && provenance.equals(that.provenance)
            && unknown.equals(that.unknown);
  }

  /** Computed once (the caveats never change): a month of 50,000 functions has 50,000 entries. */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(System.identityHashCode(book), provenance, unknown);
      hash = h;
    }
    return h;
  }

  private int hash;

  private static String notYetKnownText(NotYetKnown one) {
    String what =
        "TAGS".equals(one.aspect())
            ? "tags could not be read"
            : "PC configuration could not be read";
    String detail = one.detail() == null || one.detail().isBlank() ? one.reason() : one.detail();
    if ("PENDING".equals(one.reason())) {
      what = "TAGS".equals(one.aspect()) ? "tags not yet read" : "PC configuration not yet read";
    }
    return what + ": " + detail;
  }

  private static String count(Collection<FunctionKey> functions) {
    return functions.size() == 1 ? "1 function" : functions.size() + " functions";
  }

  private static String names(Collection<FunctionKey> functions) {
    List<String> shown = new ArrayList<>();
    for (FunctionKey function : functions) {
      if (shown.size() == NAMES_SHOWN) {
        break;
      }
      shown.add(function.accountId() + "/" + function.region() + "/" + function.name());
    }
    int more = functions.size() - shown.size();
    return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
  }
}
