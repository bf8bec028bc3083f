package io.lambdaledger.api.operations;

import java.math.BigDecimal;
import java.util.List;

/** Imports the configured bill exports now ({@code POST /api/v1/bill/imports}, admin only). */
public interface BillImportTrigger {

  /** No exports configured: the route answers 409. */
  BillImportTrigger NONE =
      new BillImportTrigger() {
        @Override
        public boolean configured() {
          return false;
        }

        @Override
        public List<Imported> importNow() {
          return List.of();
        }
      };

  /** Whether any export is configured ({@code bill.exports}). */
  boolean configured();

  /**
   * Imports every billing period of every configured export; versions imported before are skipped.
   *
   * @throws ImportFailedException naming the object when an export cannot be read
   * @throws AlreadyRunningException when an import (scheduled or asked for) is running
   */
  List<Imported> importNow();

  /** One export's billing period: {@code imported}, {@code replaced} or {@code unchanged}. */
  record Imported(
      String exportUri, String billingPeriod, String outcome, long lines, BigDecimal billedTotal) {}

  /** An import is already running: the route answers 409 instead of waiting for it. */
  final class AlreadyRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlreadyRunningException(String message) {
      super(message);
    }
  }

  /** An export could not be read or stored; the message names the object. */
  final class ImportFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
