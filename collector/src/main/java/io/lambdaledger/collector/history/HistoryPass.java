package io.lambdaledger.collector.history;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.HistoryStore.Cursor;
import io.lambdaledger.db.HistoryStore.FirstObservation;
import io.lambdaledger.db.HistoryStore.Rebuilt;
import io.lambdaledger.db.UsageRollupStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * One history pass of one shard: reads the CloudTrail events not read yet (the last 90 days the
 * first time, then from where the last pass stopped, never the same hours twice), rebuilds the
 * configuration and provisioned concurrency of every function first observed after the start of
 * what was read and not rebuilt yet (once per function: events of the last minutes before first
 * sight that CloudTrail had not delivered yet are not revisited), stores it, and recomputes the
 * rollups it changes. A refused call (no {@code cloudtrail:LookupEvents}) is recorded and logged,
 * never thrown: metrics do not depend on it.
 */
public final class HistoryPass {

  /** Name of the source in the history cursor. */
  public static final String CLOUDTRAIL = "CLOUDTRAIL";

  /** How far back CloudTrail's event history reaches, less an hour of margin. */
  static final Duration REACH = Duration.ofDays(90).minusHours(1);

  /** CloudTrail delivers an event some minutes after the call: the newest are read next time. */
  static final Duration DELIVERY = Duration.ofMinutes(20);

  /** A pass runs at most this often per shard. */
  public static final Duration INTERVAL = Duration.ofHours(1);

  /** What a pass did. */
  public record Outcome(
      Instant from, Instant to, int calls, int events, int functions, boolean denied) {}

  private static final Logger LOG = LoggerFactory.getLogger(HistoryPass.class);

  /**
   * One pass at a time per shard in this process, whichever collector runs it (a backfill and the
   * live cycle have collectors of their own): two at once read the same events from starts seconds
   * apart and rebuilt the same functions twice.
   */
  private static final ConcurrentMap<String, ReentrantLock> PASSES = new ConcurrentHashMap<>();

  private final String accountId;
  private final String region;
  private final HistoryStore history;
  private final UsageRollupStore rollups;
  private final CloudTrailClient cloudTrail;
  private final Runnable permit;

  /**
   * @param permit waits for the shard's CloudTrail rate limit (2 calls per second)
   */
  public HistoryPass(
      String accountId,
      String region,
      HistoryStore history,
      UsageRollupStore rollups,
      CloudTrailClient cloudTrail,
      Runnable permit) {
    this.accountId = accountId;
    this.region = region;
    this.history = history;
    this.rollups = rollups;
    this.cloudTrail = cloudTrail;
    this.permit = permit;
  }

  /** Whether the shard's history is due at {@code now} (never read, or read an interval ago). */
  public boolean due(Instant now) {
    return history
        .cursor(accountId, region, CLOUDTRAIL)
        .map(cursor -> !cursor.readTo().isAfter(now.minus(INTERVAL).minus(DELIVERY)))
        .orElse(true);
  }

  /**
   * Runs the pass if it is due at {@code now}, after any pass of the shard already running here
   * (which makes it not due any more: its events are not read twice).
   *
   * @return what it did; empty when it was not due
   */
  public Optional<Outcome> runIfDue(Instant now) {
    ReentrantLock lock =
        PASSES.computeIfAbsent(accountId + "/" + region, shard -> new ReentrantLock());
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      return due(now) ? Optional.of(run(now)) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads what is new up to {@code now} and stores the history it gives. With no function observed
   * yet it reads nothing and leaves the cursor: the first pass that knows them reads their 90 days.
   */
  public Outcome run(Instant now) {
    Map<String, FirstObservation> observed = history.firstObservations(accountId, region);
    if (observed.isEmpty()) {
      return new Outcome(now, now, 0, 0, 0, false);
    }
    Cursor cursor = history.cursor(accountId, region, CLOUDTRAIL).orElse(null);
    Instant reach = now.minus(REACH);
    // go on from what was read before, unless nothing was (never read, or only refused) or a gap
    // longer than CloudTrail's reach broke it
    boolean goOn =
        cursor != null
            && cursor.readFrom().isBefore(cursor.readTo())
            && !cursor.readTo().isBefore(reach);
    Instant from = goOn ? cursor.readTo() : reach;
    Instant to = now.minus(DELIVERY);
    if (!from.isBefore(to)) {
      return new Outcome(from, to, 0, 0, 0, false);
    }
    Instant readFrom = goOn ? cursor.readFrom() : from;
    CloudTrailReader reader = new CloudTrailReader(cloudTrail, permit);
    List<LambdaEvent> events;
    try {
      events = reader.read(from, to);
    } catch (CloudTrailReader.Denied e) {
      history.saveCursor(
          new Cursor(
              accountId,
              region,
              CLOUDTRAIL,
              cursor == null ? to : cursor.readFrom(),
              cursor == null ? to : cursor.readTo(),
              true));
      LOG.warn(
          "shard={}/{} event=history-denied error=\"{}\" effect=\"history before first sight is"
              + " UNKNOWN\" fix=\"allow cloudtrail:LookupEvents\"",
          accountId,
          region,
          e.getMessage());
      return new Outcome(from, to, reader.calls(), 0, 0, true);
    }
    List<FunctionKey> changed = store(events, from, observed);
    history.saveCursor(new Cursor(accountId, region, CLOUDTRAIL, readFrom, to, false));
    LOG.info(
        "shard={}/{} event=history source=cloudtrail from={} to={} calls={} events={}"
            + " functions={}",
        accountId,
        region,
        from,
        to,
        reader.calls(),
        events.size(),
        changed.size());
    return new Outcome(from, to, reader.calls(), events.size(), changed.size(), false);
  }

  private List<FunctionKey> store(
      List<LambdaEvent> events, Instant from, Map<String, FirstObservation> observed) {
    Map<String, List<LambdaEvent>> byFunction = new HashMap<>();
    for (LambdaEvent event : events) {
      byFunction.computeIfAbsent(event.functionName(), name -> new ArrayList<>()).add(event);
    }
    List<Rebuilt> rebuilt = new ArrayList<>();
    List<String> priced = new ArrayList<>();
    Instant latest = from;
    for (FirstObservation first : observed.values()) {
      if (!first.at().isAfter(from) || first.rebuilt()) {
        continue; // observed before what was read, or rebuilt by an earlier pass: once is enough
      }
      Rebuilt function =
          HistoryRebuilder.rebuild(
              first, byFunction.getOrDefault(first.functionName(), List.of()), from);
      rebuilt.add(function);
      if (changesPricing(function, first)) {
        priced.add(function.functionName());
        latest = latest.isAfter(first.at()) ? latest : first.at();
      }
    }
    List<FunctionKey> written = history.replace(accountId, region, rebuilt);
    if (!priced.isEmpty()) {
      rollups.recompute(
          priced.stream().map(name -> new FunctionKey(accountId, region, name)).toList(),
          from,
          latest);
    }
    return written;
  }

  /**
   * Whether the rollups change: without history, usage before first sight is priced with the first
   * observed configuration and no provisioned concurrency.
   */
  private static boolean changesPricing(Rebuilt function, FirstObservation first) {
    return function.allocations().stream().anyMatch(span -> span.allocated() > 0)
        || function.configurations().stream()
            .anyMatch(
                span -> !span.configuration().billing().equals(first.configuration().billing()));
  }
}
