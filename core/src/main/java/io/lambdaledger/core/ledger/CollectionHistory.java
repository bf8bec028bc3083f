package io.lambdaledger.core.ledger;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import java.time.Instant;
import java.util.List;

/** Past collection runs as the API reads them, limited to the caller's accounts. */
public interface CollectionHistory {

  /** The newest runs in scope first. */
  List<CollectionRun> recent(int limit, AccountScope scope);

  /**
   * Calls, metrics requested and CloudWatch cost of the runs in scope started at or after {@code
   * from}.
   */
  CollectionSpend since(Instant from, AccountScope scope);

  /**
   * Per account and Region in scope, the latest succeeded scheduled cycle started at or after
   * {@code since}: its cadence, active series, projected monthly spend and budget.
   */
  List<CollectionRun> latestScheduled(Instant since, AccountScope scope);
}
