package io.lambdaledger.collector;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * An AWS call that failed, named: the service, the operation, the HTTP status and the AWS error
 * code, so that an error line never reads {@code null} (an emulator that lacks an operation may
 * answer 404 with no body and no error code at all).
 */
final class AwsCallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** No HTTP answer at all (connection refused, dropped, timed out). */
  static final int NO_RESPONSE = 0;

  private final String service;
  private final String operation;
  private final int status;
  private final String errorCode;

  AwsCallException(
      String service, String operation, int status, String errorCode, SdkException cause) {
    super(describe(service, operation, status, errorCode, cause), cause);
    this.service = service;
    this.operation = operation;
    this.status = status;
    this.errorCode = errorCode;
  }

  /** Runs one SDK call; a failure comes out as an {@code AwsCallException} naming it. */
  static <T> T call(String service, String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw of(service, operation, e);
    }
  }

  static AwsCallException of(String service, String operation, SdkException e) {
    int status = e instanceof SdkServiceException served ? served.statusCode() : NO_RESPONSE;
    String code = null;
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      code = aws.awsErrorDetails().errorCode();
    }
    return new AwsCallException(service, operation, status, blankToNull(code), e);
  }

  String service() {
    return service;
  }

  String operation() {
    return operation;
  }

  int status() {
    return status;
  }

  /** The AWS error code, or null when the answer carried none. */
  String errorCode() {
    return errorCode;
  }

  /** Whether the caller may not make this call (a missing IAM permission). */
  boolean denied() {
    return status == 403
        || (errorCode != null
            && (errorCode.startsWith("AccessDenied") || errorCode.equals("UnauthorizedOperation")));
  }

  /** Whether the endpoint does not offer the operation (an emulator, a partition without it). */
  boolean unsupported() {
    return status == 404
        || status == 501
        || (errorCode != null
            && (errorCode.startsWith("UnknownOperation")
                || errorCode.equals("InvalidAction")
                || errorCode.equals("NotImplemented")));
  }

  private static String describe(
      String service, String operation, int status, String errorCode, SdkException cause) {
    String message = cause.getMessage();
    if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      message = aws.awsErrorDetails().errorMessage();
    }
    return service
        + " "
        + operation
        + ": "
        + (status == NO_RESPONSE ? "no HTTP response" : "HTTP " + status)
        + " "
        + (blankToNull(errorCode) == null ? "(no AWS error code)" : errorCode)
        + (blankToNull(message) == null ? "" : ": " + firstLine(message));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() || text.equals("null") ? null : text;
  }
}
