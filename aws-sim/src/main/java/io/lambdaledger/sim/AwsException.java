package io.lambdaledger.sim;

/**
 * An error answer. The kind is protocol-neutral; each service renders it with its own status, code
 * and shape (CloudWatch's {@code InvalidParameterValue} is Lambda's {@code
 * InvalidParameterValueException}, and so on).
 */
final class AwsException extends RuntimeException {

  enum Kind {
    THROTTLING,
    INTERNAL,
    INVALID_PARAMETER,
    INVALID_PARAMETER_COMBINATION,
    MISSING_PARAMETER,
    VALIDATION,
    INVALID_NEXT_TOKEN,
    NOT_FOUND,
    ACCESS_DENIED,
    UNKNOWN_OPERATION
  }

  private final Kind kind;

  AwsException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status most services answer with: 500 internal, 403 access denied, else 400. */
  int status() {
    return switch (kind) {
      case INTERNAL -> 500;
      case ACCESS_DENIED -> 403;
      default -> 400;
    };
  }

  static AwsException throttling() {
    return new AwsException(Kind.THROTTLING, "Rate exceeded");
  }

  static AwsException internal() {
    return new AwsException(
        Kind.INTERNAL, "The request processing has failed because of an unknown error.");
  }

  static AwsException invalidParameter(String message) {
    return new AwsException(Kind.INVALID_PARAMETER, message);
  }

  static AwsException missingParameter(String parameter) {
    return new AwsException(Kind.MISSING_PARAMETER, "The parameter " + parameter + " is required.");
  }

  static AwsException validation(String message) {
    return new AwsException(Kind.VALIDATION, message);
  }

  static AwsException invalidNextToken() {
    return new AwsException(Kind.INVALID_NEXT_TOKEN, "The specified token is not valid.");
  }

  static AwsException notFound(String message) {
    return new AwsException(Kind.NOT_FOUND, message);
  }

  static AwsException accessDenied(String message) {
    return new AwsException(Kind.ACCESS_DENIED, message);
  }

  static AwsException unknownOperation(String what) {
    return new AwsException(Kind.UNKNOWN_OPERATION, "Unknown operation: " + what);
  }
}
