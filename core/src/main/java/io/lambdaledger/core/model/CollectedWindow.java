package io.lambdaledger.core.model;

import java.time.Instant;

/** A window {@code [start, end)} of one account and region that a collection run completed. */
public record CollectedWindow(String accountId, String region, Instant start, Instant end) {}
