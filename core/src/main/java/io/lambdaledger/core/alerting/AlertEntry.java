package io.lambdaledger.core.alerting;

import java.time.Instant;

/**
 * A stored alert and how its delivery went.
 *
 * @param delivery {@code pending}, {@code delivered}, {@code failed} (every webhook's attempts used
 *     up) or {@code none} (no webhook configured)
 * @param attempts webhook requests made for it
 * @param deliveredAt when every webhook accepted it, or null
 */
public record AlertEntry(Alert alert, String delivery, int attempts, Instant deliveredAt) {}
