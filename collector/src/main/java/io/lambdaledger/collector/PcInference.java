package io.lambdaledger.collector;

import io.lambdaledger.core.model.InferenceBound;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore.AllocationSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Infers one alias's provisioned concurrency over {@code [from, to)} from hourly CloudWatch series,
 * where CloudTrail cannot tell (older than its 90 days, or denied). Pure. Each hour is:
 *
 * <ul>
 *   <li><b>served</b>: {@code ProvisionedConcurrencyInvocations > 0} (or executions on it): PC was
 *       there. Its amount is {@code round(executions ÷ utilization)} when utilization is above zero
 *       ({@link InferenceBound#UTILIZATION}: exact while it did not change within the hour), else
 *       at least the peak executions, at least 1 ({@link InferenceBound#EXECUTIONS});
 *   <li><b>unserved</b>: invoked, none on PC: none allocated ({@link InferenceBound#UNSERVED},
 *       INFERRED, 0);
 *   <li><b>silent</b>: not invoked at all: no evidence. Silent hours between two served hours (with
 *       nothing unserved between) are taken as served at the same amount: PC that was there before
 *       and after is assumed not to have been removed and put back unseen (INFERRED). Other silent
 *       hours are UNKNOWN ({@link InferenceBound#NO_EVIDENCE}, 0), except those just before {@code
 *       to} when PC is known to be there at {@code to} (observed then): bridged like the others.
 * </ul>
 *
 * A new exact amount (utilization) starts a new period; a period with no exact amount takes the
 * largest lower bound of its hours.
 */
final class PcInference {

  static final Duration HOUR = Duration.ofHours(1);

  /** The hourly series of one alias (and of its function's invocations), by hour start. */
  record Series(
      NavigableMap<Instant, Double> invocations,
      NavigableMap<Instant, Double> provisionedInvocations,
      NavigableMap<Instant, Double> executions,
      NavigableMap<Instant, Double> utilization) {}

  private enum Kind {
    SERVED,
    UNSERVED,
    SILENT
  }

  private PcInference() {}

  /**
   * @param from hour-aligned
   * @param presentAtTo whether provisioned concurrency is known to be allocated at {@code to}
   */
  static List<AllocationSpan> infer(
      String qualifier, Instant from, Instant to, Series series, boolean presentAtTo) {
    List<AllocationSpan> spans = new ArrayList<>();
    Open open = null; // the inferred period being built
    Instant silentSince = null; // silent hours not yet given to a period
    for (Instant hour = from; hour.isBefore(to); hour = hour.plus(HOUR)) {
      Instant end = min(hour.plus(HOUR), to);
      Kind kind = kind(series, hour);
      if (kind == Kind.SILENT) {
        if (silentSince == null) {
          silentSince = hour;
        }
        continue;
      }
      if (kind == Kind.UNSERVED) {
        if (open != null) {
          spans.add(open.close(silentSince == null ? hour : silentSince, qualifier));
          open = null;
        }
        if (silentSince != null) {
          spans.add(unknown(qualifier, silentSince, hour));
          silentSince = null;
        }
        spans.add(
            new AllocationSpan(
                qualifier, hour, end, 0, Provenance.INFERRED, InferenceBound.UNSERVED));
        continue;
      }
      int exact = exactAmount(series, hour);
      int atLeast = lowerBound(series, hour);
      if (open == null) {
        if (silentSince != null) {
          spans.add(unknown(qualifier, silentSince, hour));
        }
        open = new Open(hour, exact, atLeast);
      } else if (exact > 0 && open.exact > 0 && exact != open.exact) {
        spans.add(open.close(hour, qualifier)); // the amount changed in the silence before
        open = new Open(hour, exact, atLeast);
      } else {
        open.add(exact, atLeast);
      }
      silentSince = null;
    }
    if (open != null) {
      spans.add(open.close(silentSince == null || presentAtTo ? to : silentSince, qualifier));
      if (silentSince != null && !presentAtTo) {
        spans.add(unknown(qualifier, silentSince, to));
      }
    } else if (silentSince != null) {
      spans.add(unknown(qualifier, silentSince, to));
    }
    return merge(spans);
  }

  private static Kind kind(Series series, Instant hour) {
    if (value(series.provisionedInvocations(), hour) > 0 || value(series.executions(), hour) > 0) {
      return Kind.SERVED;
    }
    return value(series.invocations(), hour) > 0 ? Kind.UNSERVED : Kind.SILENT;
  }

  /** executions ÷ utilization, rounded; 0 when utilization is not above zero. */
  private static int exactAmount(Series series, Instant hour) {
    double utilization = value(series.utilization(), hour);
    double executions = value(series.executions(), hour);
    if (utilization <= 0 || executions <= 0) {
      return 0;
    }
    return (int) Math.round(executions / utilization);
  }

  private static int lowerBound(Series series, Instant hour) {
    return (int) Math.max(1, Math.ceil(value(series.executions(), hour)));
  }

  private static double value(NavigableMap<Instant, Double> series, Instant hour) {
    Double value = series.get(hour);
    return value == null || value.isNaN() ? 0 : value;
  }

  private static AllocationSpan unknown(String qualifier, Instant from, Instant to) {
    return new AllocationSpan(
        qualifier, from, to, 0, Provenance.UNKNOWN, InferenceBound.NO_EVIDENCE);
  }

  /** Joins adjacent spans that say the same (unserved hours in a row, say). */
  private static List<AllocationSpan> merge(List<AllocationSpan> spans) {
    List<AllocationSpan> merged = new ArrayList<>();
    for (AllocationSpan span : spans) {
      if (!span.from().isBefore(span.to())) {
        continue;
      }
      AllocationSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null
          && last.to().equals(span.from())
          && last.allocated() == span.allocated()
          && last.provenance() == span.provenance()
          && last.bound() == span.bound()) {
        merged.set(
            merged.size() - 1,
            new AllocationSpan(
                last.qualifier(),
                last.from(),
                span.to(),
                last.allocated(),
                last.provenance(),
                last.bound()));
      } else {
        merged.add(span);
      }
    }
    return merged;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** A period of served hours (and the silences between them) being built. */
  private static final class Open {
    private final Instant from;
    private int exact;
    private int atLeast;

    Open(Instant from, int exact, int atLeast) {
      this.from = from;
      this.exact = exact;
      this.atLeast = atLeast;
    }

    void add(int exactAmount, int lowerBound) {
      if (exact == 0 && exactAmount > 0) {
        exact = exactAmount;
      }
      atLeast = Math.max(atLeast, lowerBound);
    }

    AllocationSpan close(Instant to, String qualifier) {
      return exact > 0
          ? new AllocationSpan(
              qualifier, from, to, exact, Provenance.INFERRED, InferenceBound.UTILIZATION)
          : new AllocationSpan(
              qualifier, from, to, atLeast, Provenance.INFERRED, InferenceBound.EXECUTIONS);
    }
  }
}
