package io.lambdaledger.api.http;

/** {@code limit} and {@code offset}: which slice of a sorted list a response returns. */
public record Paging(int limit, int offset) {

  public static final int MAX_LIMIT = 100_000;

  public static Paging parse(String limitRaw, String offsetRaw) {
    int limit = parseInt("limit", limitRaw, MAX_LIMIT, 1, MAX_LIMIT);
    int offset = parseInt("offset", offsetRaw, 0, 0, Integer.MAX_VALUE);
    return new Paging(limit, offset);
  }

  private static int parseInt(String parameter, String raw, int absent, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return absent;
    }
    String text = raw.trim();
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        throw ApiProblem.badParameter(
            parameter, "'" + parameter + "' must be between " + min + " and " + max);
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw ApiProblem.badParameter(
          parameter,
          "'" + parameter + "' must be a whole number; got '" + WindowParser.shorten(text) + "'");
    }
  }

  public <T> java.util.List<T> apply(java.util.List<T> sorted) {
    if (offset >= sorted.size()) {
      return java.util.List.of();
    }
    int end = (int) Math.min((long) offset + limit, sorted.size());
    return sorted.subList(offset, end);
  }
}
