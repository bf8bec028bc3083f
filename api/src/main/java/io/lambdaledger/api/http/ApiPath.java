package io.lambdaledger.api.http;

/** Where the versioned API lives. */
public final class ApiPath {

  /** The prefix of every versioned route. */
  public static final String V1 = "/api/v1";

  private ApiPath() {}
}
