package io.lambdaledger.collector.history;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore.AllocationSpan;
import io.lambdaledger.db.HistoryStore.ConfigurationSpan;
import io.lambdaledger.db.HistoryStore.FirstObservation;
import io.lambdaledger.db.HistoryStore.Rebuilt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds one function's configuration and provisioned concurrency periods over {@code [from,
 * first observation)} from its management events (oldest first). Pure.
 *
 * <ul>
 *   <li>Between two events the configuration is what the earlier one left (its response); after the
 *       last, until the first observation, what the last left. With no event at all, the first
 *       observed configuration held throughout: CLOUDTRAIL.
 *   <li>Before the first event: nothing if it created the function; otherwise the fields it did not
 *       set are known, the ones it set are not, and the configuration after it is assumed: UNKNOWN.
 *   <li>Provisioned concurrency per qualifier: a put holds until the next put or delete of the
 *       qualifier (or the function's deletion). Before the first event of a qualifier: none if the
 *       function was created in the range; the put's amount if the first event is a delete (PC was
 *       there, its amount is inferred: INFERRED); unknown (recorded as 0, UNKNOWN) before a first
 *       put. A qualifier observed with no event in the range had its amount throughout.
 * </ul>
 */
final class HistoryRebuilder {

  private HistoryRebuilder() {}

  static Rebuilt rebuild(FirstObservation first, List<LambdaEvent> events, Instant from) {
    Instant until = first.at();
    List<LambdaEvent> before =
        events.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(until)).toList();
    boolean created = before.stream().anyMatch(e -> e.kind() == LambdaEvent.Kind.CREATE_FUNCTION);
    return new Rebuilt(
        first.functionName(),
        from,
        until,
        configurations(first, before, from, until),
        allocations(first, before, from, until, created));
  }

  private static List<ConfigurationSpan> configurations(
      FirstObservation first, List<LambdaEvent> events, Instant from, Instant until) {
    List<LambdaEvent> changes = events.stream().filter(e -> e.kind().configuration()).toList();
    List<ConfigurationSpan> spans = new ArrayList<>();
    if (changes.isEmpty()) {
      spans.add(new ConfigurationSpan(from, until, first.configuration(), Provenance.CLOUDTRAIL));
      return spans;
    }
    // Walk back from the first observation: each event's missing fields are the later state's.
    FunctionConfiguration[] after = new FunctionConfiguration[changes.size()];
    FunctionConfiguration later = first.configuration();
    for (int i = changes.size() - 1; i >= 0; i--) {
      after[i] = merge(changes.get(i), later);
      later = after[i];
    }
    LambdaEvent earliest = changes.get(0);
    if (earliest.kind() != LambdaEvent.Kind.CREATE_FUNCTION && from.isBefore(earliest.at())) {
      spans.add(new ConfigurationSpan(from, earliest.at(), after[0], Provenance.UNKNOWN));
    }
    for (int i = 0; i < changes.size(); i++) {
      Instant end = i + 1 < changes.size() ? changes.get(i + 1).at() : until;
      if (changes.get(i).at().isBefore(end)) {
        spans.add(new ConfigurationSpan(changes.get(i).at(), end, after[i], Provenance.CLOUDTRAIL));
      }
    }
    return spans;
  }

  /** The configuration an event left: what it says, the rest as it was later. */
  private static FunctionConfiguration merge(LambdaEvent e, FunctionConfiguration later) {
    int memory = e.memoryMb() != null ? e.memoryMb() : later.memoryMb();
    Architecture architecture = e.architecture() != null ? e.architecture() : later.architecture();
    int ephemeral = e.ephemeralMb() != null ? e.ephemeralMb() : later.ephemeralStorageMb();
    int timeout = e.timeoutSeconds() != null ? e.timeoutSeconds() : later.timeoutSeconds();
    return new FunctionConfiguration(memory, architecture, ephemeral, timeout);
  }

  private static List<AllocationSpan> allocations(
      FirstObservation first,
      List<LambdaEvent> events,
      Instant from,
      Instant until,
      boolean created) {
    Map<String, List<LambdaEvent>> byQualifier = new LinkedHashMap<>();
    Instant deleted = null;
    for (LambdaEvent e : events) {
      if (e.kind() == LambdaEvent.Kind.PUT_PROVISIONED_CONCURRENCY
          || e.kind() == LambdaEvent.Kind.DELETE_PROVISIONED_CONCURRENCY) {
        if (e.qualifier() != null) {
          byQualifier.computeIfAbsent(e.qualifier(), q -> new ArrayList<>()).add(e);
        }
      } else if (e.kind() == LambdaEvent.Kind.DELETE_FUNCTION) {
        deleted = e.at();
      }
    }
    Set<String> qualifiers = new LinkedHashSet<>(byQualifier.keySet());
    qualifiers.addAll(first.provisioned().keySet());
    List<AllocationSpan> spans = new ArrayList<>();
    for (String qualifier : qualifiers) {
      List<LambdaEvent> changes = byQualifier.getOrDefault(qualifier, List.of());
      int observed = first.provisioned().getOrDefault(qualifier, 0);
      if (changes.isEmpty()) {
        if (observed > 0 && !created) {
          spans.add(new AllocationSpan(qualifier, from, until, observed, Provenance.CLOUDTRAIL));
        }
        continue;
      }
      LambdaEvent earliest = changes.get(0);
      if (!created && from.isBefore(earliest.at())) {
        if (earliest.kind() == LambdaEvent.Kind.DELETE_PROVISIONED_CONCURRENCY) {
          int guess = firstPut(changes, observed);
          spans.add(
              new AllocationSpan(
                  qualifier,
                  from,
                  earliest.at(),
                  guess,
                  guess > 0 ? Provenance.INFERRED : Provenance.UNKNOWN));
        } else {
          spans.add(new AllocationSpan(qualifier, from, earliest.at(), 0, Provenance.UNKNOWN));
        }
      }
      for (int i = 0; i < changes.size(); i++) {
        LambdaEvent change = changes.get(i);
        if (change.kind() != LambdaEvent.Kind.PUT_PROVISIONED_CONCURRENCY
            || change.allocated() <= 0) {
          continue;
        }
        Instant end = i + 1 < changes.size() ? changes.get(i + 1).at() : until;
        if (deleted != null && deleted.isAfter(change.at()) && deleted.isBefore(end)) {
          end = deleted;
        }
        if (change.at().isBefore(end)) {
          spans.add(
              new AllocationSpan(
                  qualifier, change.at(), end, change.allocated(), Provenance.CLOUDTRAIL));
        }
      }
    }
    return spans;
  }

  /** The amount of the first put, else the observed one: what a lone delete removed. */
  private static int firstPut(List<LambdaEvent> changes, int observed) {
    for (LambdaEvent e : changes) {
      if (e.kind() == LambdaEvent.Kind.PUT_PROVISIONED_CONCURRENCY && e.allocated() > 0) {
        return e.allocated();
      }
    }
    return observed;
  }
}
