package io.lambdaledger.core.ledger;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionProvenance;
import java.time.YearMonth;
import java.util.List;

/**
 * How sure the stored history is that prices each function: the provenance of its configuration and
 * provisioned concurrency periods in a month, and what the collector could not read about it. What
 * costing needs to warn on the lines that depend on it.
 */
public interface HistoryEvidence {

  /** No history recorded: nothing to warn about. */
  HistoryEvidence NONE =
      new HistoryEvidence() {
        @Override
        public List<FunctionProvenance> provenance(YearMonth month, AccountScope scope) {
          return List.of();
        }

        @Override
        public List<NotYetKnown> notYetKnown(AccountScope scope) {
          return List.of();
        }
      };

  /** Per function of the accounts in scope with usage or history in the month, its provenance. */
  List<FunctionProvenance> provenance(YearMonth month, AccountScope scope);

  /** The functions of the accounts in scope with an aspect the collector could not read (yet). */
  List<NotYetKnown> notYetKnown(AccountScope scope);

  /**
   * One aspect of one function that is not known.
   *
   * @param aspect what: {@code PROVISIONED_CONCURRENCY} or {@code TAGS}
   * @param reason why: {@code PENDING}, {@code DENIED}, {@code UNSUPPORTED} or {@code FAILED}
   * @param detail the call, HTTP status and AWS error code, as the collector recorded them
   */
  record NotYetKnown(FunctionKey function, String aspect, String reason, String detail) {}
}
