package io.lambdaledger.app;

import io.lambdaledger.app.config.LedgerConfig;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.PriceBookStore;
import java.time.Clock;

/** The bundled price book plus every version {@code prices refresh} stored. */
final class StoredPriceBooks {
  private StoredPriceBooks() {}

  static PriceBooks load(LedgerConfig config) {
    try (Database database = Databases.open(config.database())) {
      return load(database);
    }
  }

  static PriceBooks load(Database database) {
    PriceBooks books = PriceBooks.bundled();
    for (PriceBook stored : new PriceBookStore(database.dsl(), Clock.systemUTC()).load()) {
      books = books.with(stored);
    }
    return books;
  }
}
