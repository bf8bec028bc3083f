package io.lambdaledger.app;

/** Input a command cannot use; the message is one line that names the field or flag. */
final class BadInputException extends Exception {

  BadInputException(String message) {
    super(message);
  }
}
