package io.lambdaledger.collector;

import java.util.List;

/** What one cycle over every shard (or one backfill) did, shard by shard. */
public record CycleReport(List<ShardReport> shards) {

  public CycleReport {
    shards = List.copyOf(shards);
  }

  public List<ShardReport> failures() {
    return shards.stream().filter(ShardReport::failed).toList();
  }

  public boolean succeeded() {
    return failures().isEmpty();
  }

  public long metricsRequested() {
    return shards.stream().mapToLong(ShardReport::metricsRequested).sum();
  }

  public long calls(String operation) {
    return shards.stream().mapToLong(report -> report.calls(operation)).sum();
  }
}
