package io.lambdaledger.bench.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The lines of a Prometheus text exposition: name, labels and value (comments skipped). */
record Prometheus(List<Line> lines) {

  static final Prometheus EMPTY = new Prometheus(List.of());

  record Line(String name, Map<String, String> labels, double value) {}

  static Prometheus parse(String text) {
    List<Line> lines = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name;
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        int close = line.lastIndexOf('}');
        parseLabels(line.substring(brace + 1, close), labels);
      } else {
        name = line.substring(0, space);
      }
      try {
        lines.add(new Line(name, labels, Double.parseDouble(line.substring(space + 1))));
      } catch (NumberFormatException e) {
        // NaN and +Inf are parsed by Double; anything else is not a sample line
      }
    }
    return new Prometheus(List.copyOf(lines));
  }

  private static void parseLabels(String text, Map<String, String> labels) {
    int i = 0;
    while (i < text.length()) {
      int equals = text.indexOf('=', i);
      if (equals < 0) {
        return;
      }
      String key = text.substring(i, equals).strip();
      int start = text.indexOf('"', equals) + 1;
      StringBuilder value = new StringBuilder();
      int j = start;
      while (j < text.length() && text.charAt(j) != '"') {
        if (text.charAt(j) == '\\' && j + 1 < text.length()) {
          j++;
        }
        value.append(text.charAt(j++));
      }
      labels.put(key, value.toString());
      int comma = text.indexOf(',', j);
      i = comma < 0 ? text.length() : comma + 1;
    }
  }

  /** Sum of the named series whose labels match; {@code -1} if there is none. */
  double sum(String name, Predicate<Map<String, String>> labels) {
    double total = 0;
    boolean found = false;
    for (Line line : lines) {
      if (line.name().equals(name) && labels.test(line.labels())) {
        total += line.value();
        found = true;
      }
    }
    return found ? total : -1;
  }

  double sum(String name) {
    return sum(name, labels -> true);
  }
}
