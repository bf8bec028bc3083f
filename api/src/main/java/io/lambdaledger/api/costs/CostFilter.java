package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.WindowParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code filter} parameter: comma-separated terms {@code field:value}, for example {@code
 * region:us-east-1,tag:team:payments}. Terms on the same field are alternatives (OR); terms on
 * different fields must all hold (AND). A tag term is {@code tag:<key>:<value>}, split at the last
 * colon, so keys may contain colons ({@code tag:aws:cloudformation:stack-name:billing}).
 */
public record CostFilter(Map<Dimension, Set<String>> allowed) {

  public static final CostFilter NONE = new CostFilter(Map.of());

  public static CostFilter parse(String parameter, String raw) {
    if (raw == null || raw.isBlank()) {
      return NONE;
    }
    Map<Dimension, Set<String>> allowed = new LinkedHashMap<>();
    String[] terms = raw.split(",", -1);
    if (terms.length > 100) {
      throw ApiProblem.badParameter(parameter, "'" + parameter + "' takes at most 100 terms");
    }
    for (String part : terms) {
      String term = part.trim();
      int colon = term.indexOf(':');
      if (colon <= 0 || colon == term.length() - 1) {
        throw ApiProblem.badParameter(
            parameter,
            "'"
                + parameter
                + "' terms look like region:us-east-1 or tag:team:payments; got '"
                + WindowParser.shorten(term)
                + "'");
      }
      String fieldName = term.substring(0, colon);
      String rest = term.substring(colon + 1);
      Dimension dimension;
      String value;
      if (fieldName.equals("tag")) {
        int last = rest.lastIndexOf(':');
        if (last <= 0) {
          throw ApiProblem.badParameter(
              parameter,
              "'"
                  + parameter
                  + "' tag terms look like tag:<key>:<value>; got '"
                  + WindowParser.shorten(term)
                  + "'");
        }
        dimension = new Dimension.Tag(rest.substring(0, last));
        value = rest.substring(last + 1);
      } else {
        dimension = Dimension.Field.parse(fieldName);
        value = rest;
        if (dimension == null) {
          throw ApiProblem.badParameter(
              parameter,
              "'"
                  + parameter
                  + "' filters on function, account, region, architecture, runtime or tag;"
                  + " got '"
                  + WindowParser.shorten(fieldName)
                  + "'");
        }
      }
      allowed.computeIfAbsent(dimension, d -> new LinkedHashSet<>()).add(value);
    }
    return new CostFilter(Map.copyOf(allowed));
  }

  boolean isEmpty() {
    return allowed.isEmpty();
  }

  /** Whether a function passes, given how to read each dimension's value from it. */
  public boolean matches(Function<Dimension, String> valueOf) {
    for (Map.Entry<Dimension, Set<String>> entry : allowed.entrySet()) {
      String value = valueOf.apply(entry.getKey());
      if (value == null || !entry.getValue().contains(value)) {
        return false;
      }
    }
    return true;
  }

  /** The values allowed for one dimension, or null when it is not filtered. */
  Set<String> valuesFor(Dimension dimension) {
    return allowed.get(dimension);
  }

  List<Dimension> dimensions() {
    return new ArrayList<>(allowed.keySet());
  }
}
