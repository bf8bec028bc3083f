package io.lambdaledger.billing;

/**
 * An import that could not be done, with a one-line message naming the object. {@link #badInput()}
 * tells a problem with what was given (a URI, an export's content: exit 2) from one of running (S3
 * unreachable, access denied, database down: exit 1).
 */
public final class BillImportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean badInput;

  BillImportException(String message, boolean badInput, Throwable cause) {
    super(message, cause);
    this.badInput = badInput;
  }

  static BillImportException badInput(String message) {
    return new BillImportException(message, true, null);
  }

  static BillImportException badInput(String message, Throwable cause) {
    return new BillImportException(message, true, cause);
  }

  static BillImportException failure(String message, Throwable cause) {
    return new BillImportException(message, false, cause);
  }

  public boolean badInput() {
    return badInput;
  }
}
