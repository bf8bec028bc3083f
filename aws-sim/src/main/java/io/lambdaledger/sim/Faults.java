package io.lambdaledger.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fault rules per operation name ({@code GetMetricData}, {@code ListFunctions}, …); the rule named
 * {@code *} applies to every operation without its own.
 */
public record Faults(Map<String, FaultRule> rules) {

  public static final String ALL = "*";

  public Faults {
    rules = Map.copyOf(rules);
  }

  public static Faults none() {
    return new Faults(Map.of());
  }

  /** The same rule for every operation. */
  public static Faults all(FaultRule rule) {
    return new Faults(Map.of(ALL, rule));
  }

  /**
   * Parses {@code
   * throttle=0.1,error=0.05,GetMetricData.latency=200ms,ListFunctions.throttleNext=2}:
   * comma-separated {@code [Operation.]kind=value}; without an operation the fault applies to all.
   */
  public static Faults parse(String text) {
    Map<String, FaultRule> rules = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return none();
    }
    for (String part : text.split(",")) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("fault '" + item + "' is not kind=value");
      }
      String key = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim();
      int dot = key.lastIndexOf('.');
      String operation = dot < 0 ? ALL : key.substring(0, dot);
      String kind = key.substring(dot + 1);
      rules.put(operation, rules.getOrDefault(operation, FaultRule.NONE).with(kind, value));
    }
    return new Faults(rules);
  }

  /** The rule for the operation: its own, else the {@code *} rule, else none. */
  public FaultRule ruleFor(String operation) {
    FaultRule rule = rules.get(operation);
    if (rule != null) {
      return rule;
    }
    return rules.getOrDefault(ALL, FaultRule.NONE);
  }

  @Override
  public String toString() {
    return "Faults" + new TreeMap<>(rules);
  }
}
