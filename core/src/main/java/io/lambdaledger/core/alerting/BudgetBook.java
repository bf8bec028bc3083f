package io.lambdaledger.core.alerting;

import java.util.List;

/** The budgets set over the API (those of the configuration file are not in it). */
public interface BudgetBook {

  List<Budget> list();

  /** Creates or replaces the budget with this name. */
  void put(Budget budget);

  /**
   * @return whether there was a budget with this name
   */
  boolean delete(String name);
}
