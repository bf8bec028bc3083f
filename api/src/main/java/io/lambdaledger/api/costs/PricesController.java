package io.lambdaledger.api.costs;

import io.javalin.http.Context;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.pricing.Price;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** {@code GET /prices}: the price book in force for a month (default: this month). */
public record PricesController(PriceBooks priceBooks, WindowParser windows) {

  public void get(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("month", "region"));
    var month = windows.parseMonth("month", params.get("month"));
    PriceBook book;
    try {
      book = priceBooks.inForce(month);
    } catch (NoSuchElementException e) {
      throw ApiProblem.notFound("no price book is in force for " + month);
    }
    String region = params.get("region");
    if (region != null && !book.hasRegion(region.trim())) {
      throw ApiProblem.badParameter(
          "region",
          "price book " + book.version() + " has no region '" + WindowParser.shorten(region) + "'");
    }
    List<Map<String, Object>> prices = new ArrayList<>();
    for (Price price : region == null ? book.prices() : book.prices(region.trim())) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("region", price.region());
      one.put("group", price.group().key());
      one.put("architecture", price.architecture().toString());
      one.put("usageType", price.usageType());
      one.put("beginRange", price.range().beginText());
      one.put("endRange", price.range().endText());
      one.put("unitPrice", price.unitPrice().toPlainString());
      one.put("unit", price.unit());
      one.put("basis", price.basis().id());
      prices.add(one);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", book.version());
    body.put("effectiveDate", book.effectiveDate().toString());
    body.put("source", book.source());
    body.put("currency", "USD");
    body.put(
        "freeTier",
        CostJson.ordered(
            "requests", book.freeTier().requests(),
            "gbSeconds", Figures.quantity(book.freeTier().gbSeconds())));
    body.put("regions", region == null ? List.copyOf(book.regions()) : List.of(region.trim()));
    body.put("prices", prices);
    ctx.json(body);
  }
}
