package io.lambdaledger.reports.archviolation;

import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;

import org.jooq.DSLContext;

/**
 * A deliberate breach of "SQL lives in db only", in the reports' package space of the test classes
 * (never in the product): {@code ArchitectureTest} checks that its rules report it.
 */
public final class ReportsWritingSql {

  private ReportsWritingSql() {}

  public static int months(DSLContext dsl) {
    return dsl.fetchCount(USAGE_MONTH);
  }
}
