package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How far the metrics of one account and region are complete: every period ending at or before
 * {@code completeTo} is final. Watermarks only move forward.
 */
public record Watermark(String accountId, String region, Instant completeTo, Instant updatedAt) {

  public Watermark {
    FunctionKey.requireText(accountId, "accountId");
    FunctionKey.requireText(region, "region");
    Objects.requireNonNull(completeTo, "completeTo");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
