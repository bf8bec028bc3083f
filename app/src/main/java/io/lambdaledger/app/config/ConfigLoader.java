package io.lambdaledger.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads {@link LedgerConfig}: an optional YAML file, then {@code LEDGER_*} environment overrides,
 * then defaults, then validation. Every failure is a {@link ConfigException} whose message is one
 * line naming the key (never a secret's value).
 */
public final class ConfigLoader {

  /**
   * Environment variable to configuration key, in the order {@code docs/configuration.md} lists.
   */
  static final Map<String, String> ENVIRONMENT_KEYS = environmentKeys();

  private final ObjectMapper yaml;

  public ConfigLoader() {
    SimpleModule durations = new SimpleModule().addDeserializer(Duration.class, new Durations());
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(durations)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, or null for none
   * @param environment the process environment (only {@code LEDGER_*} keys are read)
   */
  public LedgerConfig load(Path file, Map<String, String> environment) {
    ObjectNode tree = file == null ? JsonNodeFactory.instance.objectNode() : readFile(file);
    applyEnvironment(tree, environment);
    LedgerConfig config = bind(tree, file);
    ConfigValidator.validate(config);
    return config;
  }

  private ObjectNode readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config: file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
    }
    if (text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = yaml.readTree(text);
      if (node == null || node.isNull() || node.isMissingNode()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException("config: " + file + " must be a YAML mapping of settings");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "config: "
              + file
              + " is not valid YAML"
              + at(e.getLocation())
              + ": "
              + oneLine(e.getOriginalMessage()));
    }
  }

  /**
   * The YAML parser's problem on one line: its message spans several, with the offending line
   * quoted and a caret under it (indented lines, dropped here: the location is already given).
   */
  static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    return message
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .collect(Collectors.joining("; "));
  }

  private static void applyEnvironment(ObjectNode tree, Map<String, String> environment) {
    ENVIRONMENT_KEYS.forEach(
        (variable, key) -> {
          String value = environment.get(variable);
          if (value == null) {
            return;
          }
          String[] path = key.split("\\.");
          ObjectNode parent = tree;
          for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
          }
          String leaf = path[path.length - 1];
          if (isList(key)) {
            ArrayNode list = parent.putArray(leaf);
            Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(list::add);
          } else {
            parent.put(leaf, value);
          }
        });
  }

  private static boolean isList(String key) {
    return key.equals("aws.regions") || key.equals("reports.formats") || key.equals("bill.exports");
  }

  private LedgerConfig bind(ObjectNode tree, Path file) {
    try {
      return yaml.treeToValue(tree, LedgerConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          "config: unknown key '"
              + path(e)
              + "'"
              + where(file, e)
              + "; known keys at that level: "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    } catch (MismatchedInputException e) {
      throw new ConfigException(
          "config: wrong type for key '"
              + path(e)
              + "'"
              + where(file, e)
              + ": expected "
              + describe(e.getTargetType()));
    } catch (JsonMappingException e) {
      String message =
          e.getCause() instanceof ConfigException c ? c.getMessage() : e.getOriginalMessage();
      throw new ConfigException(
          "config: invalid value for key '" + path(e) + "'" + where(file, e) + ": " + message);
    } catch (JsonProcessingException e) {
      throw new ConfigException("config: " + e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String where(Path file, JsonMappingException e) {
    return file == null ? " (from the environment)" : " in " + file;
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : " at line " + location.getLineNr();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == java.math.BigDecimal.class) {
      return "an amount such as 15 or 12.50";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 5m, 90s, 1h or PT5M";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == String.class) {
      return "text";
    }
    return "a mapping of settings";
  }

  private static Map<String, String> environmentKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("LEDGER_DB_URL", "database.url");
    keys.put("LEDGER_DB_USER", "database.user");
    keys.put("LEDGER_DB_PASSWORD", "database.password");
    keys.put("LEDGER_REGIONS", "aws.regions");
    keys.put("LEDGER_COLLECTOR_INTERVAL", "collector.interval");
    keys.put("LEDGER_COLLECTOR_PERIOD", "collector.period");
    keys.put("LEDGER_COLLECTOR_LOOKBACK", "collector.lookback");
    keys.put("LEDGER_COLLECTOR_FINALITY_MARGIN", "collector.finalityMargin");
    keys.put("LEDGER_COLLECTOR_SAMPLE_RETENTION_DAYS", "collector.sampleRetentionDays");
    keys.put("LEDGER_COLLECTOR_MAX_CONCURRENT_SHARDS", "collector.maxConcurrentShards");
    keys.put("LEDGER_COLLECTOR_GET_METRIC_DATA_TPS", "collector.getMetricDataTps");
    keys.put("LEDGER_COLLECTOR_LAMBDA_TPS", "collector.lambdaTps");
    keys.put("LEDGER_COLLECTOR_BUDGET", "collector.budget");
    keys.put("LEDGER_SERVER_HOST", "server.host");
    keys.put("LEDGER_SERVER_PORT", "server.port");
    keys.put("LEDGER_SERVER_AUTH_ENABLED", "server.authEnabled");
    keys.put("LEDGER_REPORTS_DIRECTORY", "reports.directory");
    keys.put("LEDGER_REPORTS_FORMATS", "reports.formats");
    keys.put("LEDGER_BILL_EXPORTS", "bill.exports");
    keys.put("LEDGER_BILL_IMPORT_INTERVAL", "bill.importInterval");
    keys.put("LEDGER_RECOMMENDATIONS_SCAN_BUDGET", "recommendations.scanBudget");
    return java.util.Collections.unmodifiableMap(keys);
  }

  /** Durations as {@code 90s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT5M}). */
  static final class Durations extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = parser.getValueAsString();
      if (text == null) {
        return (Duration) context.handleUnexpectedToken(Duration.class, parser);
      }
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }

    static Duration parse(String text) {
      String value = text.trim();
      if (value.startsWith("P") || value.startsWith("p")) {
        try {
          return Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException("'" + text + "' is not a duration such as 5m or PT5M");
        }
      }
      var matcher = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(value);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration such as 5m, 90s, 1h or PT5M");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
  }
}
