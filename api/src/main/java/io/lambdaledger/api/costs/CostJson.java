package io.lambdaledger.api.costs;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.core.cost.Charges;
import io.lambdaledger.core.cost.CostWarning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of cost responses: money as decimal strings with two places. */
public final class CostJson {

  private CostJson() {}

  /**
   * A two-field JSON object whose fields keep this order ({@code Map.of} iterates in an order that
   * changes from one JVM start to the next, and so did the responses).
   */
  public static Map<String, Object> ordered(
      String key1, Object value1, String key2, Object value2) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put(key1, value1);
    object.put(key2, value2);
    return object;
  }

  public record Window(String start, String end) {
    public static Window of(TimeWindow window) {
      return new Window(window.start().toString(), window.end().toString());
    }
  }

  record ChargesJson(
      String requests,
      String duration,
      String ephemeralStorage,
      String provisionedConcurrency,
      String provisionedDuration) {
    public static ChargesJson of(Charges charges) {
      return new ChargesJson(
          Figures.money(charges.requests()),
          Figures.money(charges.duration()),
          Figures.money(charges.ephemeralStorage()),
          Figures.money(charges.provisionedConcurrency()),
          Figures.money(charges.provisionedDuration()));
    }
  }

  /**
   * Usage in regions the price book does not price, included in {@code requests} and {@code
   * gbSeconds} but in no charge or total; absent when there is none.
   */
  record UnpricedJson(long requests, String gbSeconds) {
    public static UnpricedJson of(Figures figures) {
      Figures.Unpriced unpriced = figures.unpriced();
      return unpriced == null
          ? null
          : new UnpricedJson(unpriced.requests(), Figures.quantity(unpriced.gbSeconds()));
    }
  }

  /** Charges, credit and total are null when all of the usage is unpriced (there is no cost). */
  record Totals(
      long requests,
      String gbSeconds,
      ChargesJson charges,
      String freeTierCredit,
      String total,
      UnpricedJson unpriced) {
    public static Totals of(Figures figures) {
      boolean none = figures.whollyUnpriced();
      return new Totals(
          figures.requests(),
          Figures.quantity(figures.gbSeconds()),
          none ? null : ChargesJson.of(figures.charges()),
          none ? null : Figures.money(figures.freeTierCredit()),
          none ? null : Figures.money(figures.total()),
          UnpricedJson.of(figures));
    }
  }

  record Item(
      Map<String, String> key,
      long requests,
      String gbSeconds,
      ChargesJson charges,
      String freeTierCredit,
      String total,
      List<Point> series,
      UnpricedJson unpriced,
      List<String> caveats) {}

  record Point(String start, String end, long requests, String gbSeconds, String total) {
    public static Point of(CostResult.Point point) {
      return new Point(
          point.window().start().toString(),
          point.window().end().toString(),
          point.figures().requests(),
          Figures.quantity(point.figures().gbSeconds()),
          point.figures().totalOrNull());
    }
  }

  public record PagingJson(int offset, int limit, int count) {}

  public record Warning(String code, String message) {
    public static List<Warning> of(List<CostWarning> warnings) {
      return warnings.stream().map(w -> new Warning(w.code(), w.message())).toList();
    }
  }

  record Costs(
      Window window,
      String dataThrough,
      String currency,
      String priceVersion,
      List<String> aggregate,
      String step,
      Totals totals,
      List<Point> series,
      RenderedItems.ItemsPage items,
      PagingJson paging,
      List<Warning> warnings,
      List<Source> sources) {}

  /** Which part of the window came from which source. */
  record Source(String source, String start, String end) {
    public static Source of(CostResult.SourceDays days) {
      return new Source(
          days.source().label(), days.window().start().toString(), days.window().end().toString());
    }
  }

  /** One item as JSON shows it. */
  static Item item(CostResult.Item item) {
    Figures figures = item.figures();
    return new Item(
        item.key(),
        figures.requests(),
        Figures.quantity(figures.gbSeconds()),
        figures.whollyUnpriced() ? null : ChargesJson.of(figures.charges()),
        figures.wholyUnpricedOrNull(Figures.money(figures.freeTierCredit())),
        figures.totalOrNull(),
        item.series() == null ? null : item.series().stream().map(Point::of).toList(),
        UnpricedJson.of(figures),
        item.caveats());
  }

  /**
   * The response; its items are written from {@link RenderedItems}, made once per {@link
   * SortedItems} with {@code writer}, the writer that writes the rest.
   */
  static Costs of(CostResult result, ObjectWriter writer) {
    CostQuery query = result.query();
    RenderedItems rendered =
        result.sorted().rendered(RenderedItems.class, all -> RenderedItems.of(all, writer));
    RenderedItems.ItemsPage items = rendered.page(query.paging());
    return new Costs(
        Window.of(result.window()),
        result.dataThrough().toString(),
        "USD",
        result.priceVersion(),
        query.aggregate().stream().map(Dimension::label).toList(),
        query.step() == null ? null : query.step().toString(),
        Totals.of(result.totals()),
        result.totalSeries() == null ? null : result.totalSeries().stream().map(Point::of).toList(),
        items,
        new PagingJson(query.paging().offset(), query.paging().limit(), result.itemCount()),
        Warning.of(result.warnings()),
        result.sources().stream().map(Source::of).toList());
  }
}
