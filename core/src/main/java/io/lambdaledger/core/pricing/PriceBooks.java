package io.lambdaledger.core.pricing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Every known version of the price list. A month is priced with the book in force then: the version
 * with the latest effective date on or before the first day of the month (ties: the greater version
 * name).
 */
public final class PriceBooks {

  private static final Comparator<PriceBook> BY_EFFECTIVE_DATE =
      Comparator.comparing(PriceBook::effectiveDate).thenComparing(PriceBook::version);

  private final List<PriceBook> versions;

  /**
   * @throws IllegalArgumentException if the list is empty or two books share a version name
   */
  public PriceBooks(List<PriceBook> books) {
    if (books.isEmpty()) {
      throw new IllegalArgumentException("at least one price book is needed");
    }
    List<PriceBook> sorted = new ArrayList<>(books);
    sorted.sort(BY_EFFECTIVE_DATE);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        if (sorted.get(i).version().equals(sorted.get(j).version())) {
          throw new IllegalArgumentException(
              "duplicate price book version " + sorted.get(i).version());
        }
      }
    }
    this.versions = List.copyOf(sorted);
  }

  /** Only the bundled snapshot. */
  public static PriceBooks bundled() {
    return new PriceBooks(List.of(PriceBook.bundled()));
  }

  /** A holder with {@code book} added (or replacing the book of the same version). */
  public PriceBooks with(PriceBook book) {
    List<PriceBook> next = new ArrayList<>();
    for (PriceBook existing : versions) {
      if (!existing.version().equals(book.version())) {
        next.add(existing);
      }
    }
    next.add(book);
    return new PriceBooks(next);
  }

  /** All versions, oldest effective date first. */
  public List<PriceBook> versions() {
    return versions;
  }

  public Optional<PriceBook> version(String version) {
    return versions.stream().filter(book -> book.version().equals(version)).findFirst();
  }

  /** The book with the latest effective date. */
  public PriceBook latest() {
    return versions.get(versions.size() - 1);
  }

  /**
   * The book in force for {@code month}.
   *
   * @throws NoSuchElementException if every book takes effect after the month starts
   */
  public PriceBook inForce(YearMonth month) {
    LocalDate start = month.atDay(1);
    PriceBook found = null;
    for (PriceBook book : versions) {
      if (!book.effectiveDate().isAfter(start)) {
        found = book;
      }
    }
    if (found == null) {
      throw new NoSuchElementException(
          "no price book in force for "
              + month
              + "; the earliest takes effect "
              + versions.get(0).effectiveDate());
    }
    return found;
  }
}
