package io.lambdaledger.api.http;

/**
 * A request the API refuses, rendered as an RFC 9457 {@code application/problem+json} body. The
 * {@code parameter} names the query parameter, path parameter or body field at fault, if any.
 */
public final class ApiProblem extends RuntimeException {

  static final String INVALID_PARAMETER = "urn:lambda-ledger:problem:invalid-parameter";

  private final int status;
  private final String type;
  private final String title;
  private final String parameter;

  private ApiProblem(int status, String type, String title, String detail, String parameter) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.parameter = parameter;
  }

  public static ApiProblem badParameter(String parameter, String detail) {
    return new ApiProblem(400, INVALID_PARAMETER, "Invalid parameter", detail, parameter);
  }

  public static ApiProblem badRequest(String detail) {
    return of(400, "Bad Request", detail);
  }

  public static ApiProblem unauthorized(String detail) {
    return of(401, "Unauthorized", detail);
  }

  public static ApiProblem forbidden(String detail) {
    return of(403, "Forbidden", detail);
  }

  public static ApiProblem notFound(String detail) {
    return of(404, "Not Found", detail);
  }

  public static ApiProblem conflict(String detail) {
    return of(409, "Conflict", detail);
  }

  public static ApiProblem unavailable(String detail) {
    return of(503, "Service Unavailable", detail);
  }

  public static ApiProblem of(int status, String title, String detail) {
    return new ApiProblem(status, "about:blank", title, detail, null);
  }

  public int status() {
    return status;
  }

  public ProblemBody body(String instance) {
    return new ProblemBody(type, title, status, getMessage(), instance, parameter);
  }

  /** The JSON body; {@code parameter} is an extension member (RFC 9457 §3.2). */
  public record ProblemBody(
      String type, String title, int status, String detail, String instance, String parameter) {}
}
