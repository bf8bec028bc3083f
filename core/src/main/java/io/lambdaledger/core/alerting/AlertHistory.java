package io.lambdaledger.core.alerting;

import io.lambdaledger.core.model.AccountScope;
import java.util.List;

/** The alerts raised so far, as the API reads them. */
public interface AlertHistory {

  /**
   * The latest alerts first, only those about accounts in {@code scope} (alerts spanning accounts
   * only for an unrestricted scope).
   */
  List<AlertEntry> recent(AccountScope scope, int limit);
}
