package io.lambdaledger.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates {@code estimate} input: the JSON file of {@code --input} or the
 * single-function flags. Every problem is a {@link UsageException} whose one-line message names the
 * field ({@code functions[2].memoryMb}) or the flag ({@code --memory-mb}).
 */
final class EstimateInput {

  /** The longest a Lambda invocation can run (15-minute timeout), in ms. */
  static final BigDecimal MAX_DURATION_MS = BigDecimal.valueOf(900_000);

  private static final Set<String> ROOT_FIELDS = Set.of("freeTier", "functions");
  private static final Set<String> FUNCTION_FIELDS =
      Set.of(
          "name",
          "region",
          "architecture",
          "memoryMb",
          "ephemeralStorageMb",
          "requests",
          "avgDurationMs",
          "provisioned");
  private static final Set<String> PROVISIONED_FIELDS =
      Set.of("concurrency", "seconds", "requests", "avgDurationMs");

  private final PriceBook book;
  private final ObjectMapper json;

  EstimateInput(PriceBook book) {
    this.book = book;
    this.json =
        new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Reads the scenario file given with {@code --input}. */
  EstimateScenario readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UsageException(
          "--input: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      String location =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new UsageException(
          "--input "
              + file
              + ": malformed JSON"
              + location
              + ": "
              + firstLine(e.getOriginalMessage()));
    }
    return scenario(root);
  }

  /** Builds a one-function scenario from the flags (strings, so bad numbers are reported here). */
  EstimateScenario fromFlags(
      String region,
      String architecture,
      String memoryMb,
      String requests,
      String averageDurationMs,
      String ephemeralMb,
      boolean freeTier) {
    EstimateScenario.Function function =
        new EstimateScenario.Function(
            "function",
            region(required(region, "--region"), "--region"),
            architecture == null
                ? Architecture.X86_64
                : architecture(architecture, "--architecture"),
            memory(wholeNumber(required(memoryMb, "--memory-mb"), "--memory-mb"), "--memory-mb"),
            ephemeralMb == null
                ? UsageLine.FREE_EPHEMERAL_STORAGE_MB
                : ephemeral(wholeNumber(ephemeralMb, "--ephemeral-mb"), "--ephemeral-mb"),
            count(wholeNumber(required(requests, "--requests"), "--requests"), "--requests"),
            duration(
                decimal(required(averageDurationMs, "--avg-duration-ms"), "--avg-duration-ms"),
                "--avg-duration-ms"),
            null);
    return new EstimateScenario(freeTier, List.of(function));
  }

  private EstimateScenario scenario(JsonNode root) {
    requireObject(root, "the input");
    checkFields(root, ROOT_FIELDS, "");
    boolean freeTier = true;
    if (root.has("freeTier")) {
      JsonNode node = root.get("freeTier");
      if (!node.isBoolean()) {
        throw new UsageException("freeTier: must be true or false");
      }
      freeTier = node.booleanValue();
    }
    JsonNode functions = root.get("functions");
    if (functions == null || !functions.isArray() || functions.isEmpty()) {
      throw new UsageException("functions: must be a list of at least one function");
    }
    List<EstimateScenario.Function> parsed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < functions.size(); i++) {
      String path = "functions[" + i + "]";
      EstimateScenario.Function function = function(functions.get(i), path);
      if (!names.add(function.name())) {
        throw new UsageException(path + ".name: duplicate name '" + function.name() + "'");
      }
      parsed.add(function);
    }
    return new EstimateScenario(freeTier, parsed);
  }

  private EstimateScenario.Function function(JsonNode node, String path) {
    requireObject(node, path);
    checkFields(node, FUNCTION_FIELDS, path + ".");
    String name = text(node, "name", path);
    if (name.isBlank()) {
      throw new UsageException(path + ".name: must not be blank");
    }
    Architecture architecture =
        node.has("architecture")
            ? architecture(text(node, "architecture", path), path + ".architecture")
            : Architecture.X86_64;
    int ephemeral =
        node.has("ephemeralStorageMb")
            ? ephemeral(integer(node, "ephemeralStorageMb", path), path + ".ephemeralStorageMb")
            : UsageLine.FREE_EPHEMERAL_STORAGE_MB;
    return new EstimateScenario.Function(
        name,
        region(text(node, "region", path), path + ".region"),
        architecture,
        memory(integer(node, "memoryMb", path), path + ".memoryMb"),
        ephemeral,
        count(integer(node, "requests", path), path + ".requests"),
        duration(number(node, "avgDurationMs", path), path + ".avgDurationMs"),
        node.has("provisioned")
            ? provisioned(node.get("provisioned"), path + ".provisioned")
            : null);
  }

  private EstimateScenario.Provisioned provisioned(JsonNode node, String path) {
    requireObject(node, path);
    checkFields(node, PROVISIONED_FIELDS, path + ".");
    long concurrency = count(integer(node, "concurrency", path), path + ".concurrency");
    if (concurrency > Integer.MAX_VALUE) {
      throw new UsageException(path + ".concurrency: too large, was " + concurrency);
    }
    long requests =
        node.has("requests") ? count(integer(node, "requests", path), path + ".requests") : 0;
    BigDecimal duration =
        node.has("avgDurationMs")
            ? duration(number(node, "avgDurationMs", path), path + ".avgDurationMs")
            : BigDecimal.ZERO;
    return new EstimateScenario.Provisioned(
        (int) concurrency,
        count(integer(node, "seconds", path), path + ".seconds"),
        requests,
        duration);
  }

  private String region(String region, String field) {
    if (!book.hasRegion(region)) {
      throw new UsageException(
          field
              + ": unknown region '"
              + region
              + "' (known: "
              + String.join(", ", book.regions())
              + ")");
    }
    return region;
  }

  private static Architecture architecture(String value, String field) {
    try {
      return Architecture.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(field + ": " + e.getMessage());
    }
  }

  private static int memory(BigDecimal value, String field) {
    return (int) range(value, UsageLine.MIN_MEMORY_MB, UsageLine.MAX_MEMORY_MB, field);
  }

  private static int ephemeral(BigDecimal value, String field) {
    return (int)
        range(
            value, UsageLine.FREE_EPHEMERAL_STORAGE_MB, UsageLine.MAX_EPHEMERAL_STORAGE_MB, field);
  }

  private static long count(BigDecimal value, String field) {
    return range(value, 0, Long.MAX_VALUE, field);
  }

  private static long range(BigDecimal value, long min, long max, String field) {
    if (value.compareTo(BigDecimal.valueOf(min)) < 0
        || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      String expected = max == Long.MAX_VALUE ? "zero or more" : "between " + min + " and " + max;
      throw new UsageException(field + ": must be " + expected + ", was " + value.toPlainString());
    }
    return value.longValueExact();
  }

  private static BigDecimal duration(BigDecimal value, String field) {
    if (value.signum() < 0 || value.compareTo(MAX_DURATION_MS) > 0) {
      throw new UsageException(
          field
              + ": must be between 0 and 900000 ms (the 15-minute Lambda timeout), was "
              + value.toPlainString());
    }
    return value;
  }

  private static String required(String value, String flag) {
    if (value == null) {
      throw new UsageException(
          flag + ": required (or describe the functions in a file with --input)");
    }
    return value;
  }

  private static BigDecimal wholeNumber(String value, String field) {
    BigDecimal number = decimal(value, field);
    if (number.stripTrailingZeros().scale() > 0) {
      throw new UsageException(field + ": must be a whole number, was " + value);
    }
    return number;
  }

  private static BigDecimal decimal(String value, String field) {
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(field + ": must be a number, was '" + value + "'");
    }
  }

  private static String text(JsonNode node, String name, String path) {
    JsonNode value = required(node, name, path);
    if (!value.isTextual()) {
      throw new UsageException(path + "." + name + ": must be a string");
    }
    return value.textValue();
  }

  /** The value of {@code name}, which must be there and not null. */
  private static JsonNode required(JsonNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new UsageException(path + "." + name + ": required");
    }
    return value;
  }

  private static BigDecimal integer(JsonNode node, String name, String path) {
    BigDecimal value = number(node, name, path);
    if (value.stripTrailingZeros().scale() > 0) {
      throw new UsageException(
          path + "." + name + ": must be a whole number, was " + value.toPlainString());
    }
    return value;
  }

  private static BigDecimal number(JsonNode node, String name, String path) {
    JsonNode value = required(node, name, path);
    if (!value.isNumber()) {
      throw new UsageException(path + "." + name + ": must be a number");
    }
    return value.decimalValue();
  }

  private static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new UsageException(what + ": must be a JSON object");
    }
  }

  private static void checkFields(JsonNode node, Set<String> known, String prefix) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new UsageException(prefix + name + ": unknown field");
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }
}
