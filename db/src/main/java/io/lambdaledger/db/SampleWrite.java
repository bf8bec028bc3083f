package io.lambdaledger.db;

import io.lambdaledger.core.model.FunctionKey;
import java.util.Set;

/**
 * What an upsert of metric samples did.
 *
 * @param written rows inserted or updated (a sample older than the stored one for the same key, by
 *     {@code collectedAt}, is not written)
 * @param replacedOtherPeriods rows of another period length that lay inside the written window of
 *     the same function and were removed, so that no instant is counted twice
 * @param unknownFunctions functions not in the inventory, whose samples were skipped
 */
public record SampleWrite(
    int written, int replacedOtherPeriods, Set<FunctionKey> unknownFunctions) {

  public SampleWrite {
    unknownFunctions = Set.copyOf(unknownFunctions);
  }
}
