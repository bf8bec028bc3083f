package io.lambdaledger.core.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the price book bundled as {@code bundled-prices.csv} next to this class: comment lines
 * {@code # key=value} carry version, effective date and source; one row per price dimension follows
 * a header line. {@code Global-*} rows are the free tier (endRange = allowance).
 */
final class BundledPriceBook {

  static final String RESOURCE = "bundled-prices.csv";
  static final PriceBook BOOK = load();

  private static final String HEADER =
      "region,location,usageType,beginRange,endRange,unit,pricePerUnit,sku,rateCode,description,basis";

  private BundledPriceBook() {}

  private static PriceBook load() {
    try (InputStream in = BundledPriceBook.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled price book " + RESOURCE + " is missing");
      }
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled price book " + RESOURCE, e);
    }
  }

  static PriceBook read(BufferedReader reader) throws IOException {
    Map<String, String> meta = new HashMap<>();
    List<Price> prices = new ArrayList<>();
    long freeRequests = -1;
    BigDecimal freeGbSeconds = null;
    String requestSku = "";
    String gbSecondSku = "";
    boolean headerSeen = false;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          meta.put(line.substring(1, equals).trim(), line.substring(equals + 1).trim());
        }
        continue;
      }
      if (!headerSeen) {
        if (!line.equals(HEADER)) {
          throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": expected " + HEADER);
        }
        headerSeen = true;
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 11) {
        throw new IllegalStateException(
            RESOURCE + ":" + lineNumber + ": expected 11 cells, found " + cells.length);
      }
      UsageType usageType =
          UsageTypes.parse(cells[2])
              .orElseThrow(
                  () -> new IllegalStateException(RESOURCE + ": unknown usage type " + cells[2]));
      TierRange range = TierRange.parse(cells[3], cells[4]);
      if (usageType.isFreeTier()) {
        if (usageType.group() == PriceGroup.REQUESTS) {
          freeRequests = range.end().longValueExact();
          requestSku = cells[7];
        } else {
          freeGbSeconds = range.end();
          gbSecondSku = cells[7];
        }
        continue;
      }
      prices.add(
          new Price(
              cells[0],
              cells[1],
              cells[2],
              usageType.group(),
              usageType.architecture(),
              range,
              new BigDecimal(cells[6]),
              cells[5],
              cells[7],
              cells[8],
              cells[9],
              PriceBasis.parse(cells[10])));
    }
    if (freeRequests < 0 || freeGbSeconds == null) {
      throw new IllegalStateException(RESOURCE + ": free-tier rows are missing");
    }
    return new PriceBook(
        required(meta, "version"),
        LocalDate.parse(required(meta, "effectiveDate")),
        required(meta, "source"),
        new FreeTierAllowance(freeRequests, freeGbSeconds, requestSku, gbSecondSku),
        prices);
  }

  private static String required(Map<String, String> meta, String key) {
    String value = meta.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(RESOURCE + ": missing '# " + key + "=' line");
    }
    return value;
  }
}
