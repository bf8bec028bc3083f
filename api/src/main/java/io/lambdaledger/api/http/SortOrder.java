package io.lambdaledger.api.http;

import java.util.Set;

/**
 * The {@code sort} parameter: {@code <field>[:asc|:desc]}, or {@code -<field>} for descending.
 * Which fields are allowed depends on the endpoint.
 */
public record SortOrder(String field, boolean descending) {

  public static SortOrder parse(
      String parameter, String raw, Set<String> fields, SortOrder absent) {
    if (raw == null || raw.isBlank()) {
      return absent;
    }
    String text = raw.trim();
    boolean descending = false;
    String field = text;
    if (text.startsWith("-")) {
      descending = true;
      field = text.substring(1);
    } else if (text.endsWith(":desc")) {
      descending = true;
      field = text.substring(0, text.length() - 5);
    } else if (text.endsWith(":asc")) {
      field = text.substring(0, text.length() - 4);
    }
    if (!fields.contains(field)) {
      throw ApiProblem.badParameter(
          parameter,
          "'"
              + parameter
              + "' must be one of "
              + String.join(", ", new java.util.TreeSet<>(fields))
              + " (optionally :asc or :desc); got '"
              + WindowParser.shorten(text)
              + "'");
    }
    return new SortOrder(field, descending);
  }
}
