package io.lambdaledger.api.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Query parameters of one request, checked up front: an unknown or repeated parameter is a 400
 * naming it (a typo such as {@code agregate} must not silently mean "no aggregate").
 */
public final class QueryParams {

  private final Map<String, List<String>> params;

  private QueryParams(Map<String, List<String>> params) {
    this.params = params;
  }

  public static QueryParams of(Context ctx, Set<String> allowed) {
    Map<String, List<String>> params = ctx.queryParamMap();
    for (Map.Entry<String, List<String>> entry : params.entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        throw ApiProblem.badParameter(
            WindowParser.shorten(entry.getKey()),
            "unknown parameter '"
                + WindowParser.shorten(entry.getKey())
                + "'; this route takes "
                + (allowed.isEmpty()
                    ? "no parameters"
                    : String.join(", ", new TreeSet<>(allowed))));
      }
      if (entry.getValue().size() > 1) {
        throw ApiProblem.badParameter(
            entry.getKey(), "parameter '" + entry.getKey() + "' is given more than once");
      }
    }
    return new QueryParams(params);
  }

  /** The value, or null when absent. */
  public String get(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String getOrDefault(String name, String absent) {
    String value = get(name);
    return value == null || value.isBlank() ? absent : value;
  }

  public boolean flag(String name) {
    String value = get(name);
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiProblem.badParameter(name, "'" + name + "' must be true or false");
    };
  }
}
