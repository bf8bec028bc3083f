package io.lambdaledger.sim;

import java.util.Map;

/**
 * One product of the price list: its filterable attributes (product attributes plus {@code sku} and
 * {@code productFamily}) and the JSON document GetProducts returns for it, as a string.
 */
record PriceListProduct(Map<String, String> attributes, String json) {

  PriceListProduct {
    attributes = Map.copyOf(attributes);
  }
}
