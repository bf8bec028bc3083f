package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.ApiProblem;
import java.util.Locale;

/**
 * Where {@code /costs} takes its figures from: the estimate from metrics, the imported bill, or the
 * best of the two (the bill for the whole UTC days it covers, the estimate for the rest).
 */
public enum CostSource {
  ESTIMATE,
  BILLED,
  BEST;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static CostSource parse(String parameter, String raw) {
    if (raw == null) {
      return BEST;
    }
    for (CostSource source : values()) {
      if (source.label().equals(raw)) {
        return source;
      }
    }
    throw ApiProblem.badParameter(
        parameter, "'" + parameter + "' must be estimate, billed or best, got '" + raw + "'");
  }
}
