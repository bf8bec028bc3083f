package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.WindowParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What costs can be grouped and filtered by: a property of the function, or the value of one of its
 * tags ({@code tag:<key>}).
 */
public sealed interface Dimension {

  /** The name used in the {@code aggregate} parameter and as a key in each item's {@code key}. */
  String label();

  enum Field implements Dimension {
    FUNCTION,
    ACCOUNT,
    REGION,
    ARCHITECTURE,
    RUNTIME;

    @Override
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Field parse(String text) {
      for (Field field : values()) {
        if (field.label().equals(text)) {
          return field;
        }
      }
      return null;
    }
  }

  record Tag(String key) implements Dimension {
    @Override
    public String label() {
      return "tag:" + key;
    }
  }

  /** Parses {@code function,account,tag:team}; an empty or absent value groups everything. */
  static List<Dimension> parseAggregate(String parameter, String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Dimension> dimensions = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String text = part.trim();
      Dimension dimension = parseOne(parameter, text);
      if (!seen.add(dimension.label())) {
        throw ApiProblem.badParameter(parameter, "'" + parameter + "' names '" + text + "' twice");
      }
      dimensions.add(dimension);
    }
    if (dimensions.size() > 8) {
      throw ApiProblem.badParameter(parameter, "'" + parameter + "' takes at most 8 dimensions");
    }
    return List.copyOf(dimensions);
  }

  private static Dimension parseOne(String parameter, String text) {
    if (text.startsWith("tag:")) {
      String key = text.substring(4);
      if (key.isEmpty() || key.length() > 128) {
        throw ApiProblem.badParameter(
            parameter, "'" + parameter + "': a tag key must have 1 to 128 characters");
      }
      return new Tag(key);
    }
    Field field = Field.parse(text);
    if (field == null) {
      throw ApiProblem.badParameter(
          parameter,
          "'"
              + parameter
              + "' accepts function, account, region, architecture, runtime and tag:<key>; got '"
              + WindowParser.shorten(text)
              + "'");
    }
    return field;
  }
}
