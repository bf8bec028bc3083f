package io.lambdaledger.api;

/** Where the versioned API lives. */
final class ApiPath {

  /** The prefix of every versioned route. */
  static final String V1 = "/api/v1";

  private ApiPath() {}
}
