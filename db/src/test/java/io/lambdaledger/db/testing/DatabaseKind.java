package io.lambdaledger.db.testing;

/** The databases store tests run on. */
public enum DatabaseKind {
  H2,
  POSTGRESQL
}
