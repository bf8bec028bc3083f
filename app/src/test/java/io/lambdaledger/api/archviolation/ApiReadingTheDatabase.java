package io.lambdaledger.api.archviolation;

import io.lambdaledger.db.ApiTokenStore;

/**
 * A deliberate breach of the module arrows, in the api's package space of the test classes (never
 * in the product): {@code ArchitectureTest} checks that its rules report it.
 */
public final class ApiReadingTheDatabase {

  private ApiReadingTheDatabase() {}

  public static int tokens(ApiTokenStore store) {
    return store.list().size();
  }
}
