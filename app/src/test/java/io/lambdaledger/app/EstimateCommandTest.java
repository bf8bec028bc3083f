package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EstimateCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static CommandRun run(String... args) {
    return CommandRun.of(Map.of(), args);
  }

  private static final String[] MOBILE_BACKEND = {
    "estimate",
    "--region",
    "us-east-1",
    "--memory-mb",
    "1536",
    "--requests",
    "3000000",
    "--avg-duration-ms",
    "120"
  };

  @Test
  void theMobileBackendExampleCosts273InTheTable() {
    CommandRun run = run(MOBILE_BACKEND);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("bundled-2026.1")
        .containsPattern("function\\s+us-east-1\\s+x86_64\\s+1536 MB\\s+3,000,000\\s+0.40\\s+2.33")
        .containsPattern("TOTAL\\s+0.40\\s+2.33\\s+0.00\\s+0.00\\s+0.00\\s+2.73")
        .contains("Free tier applied: 1,000,000 requests and 400,000 GB-s");
  }

  @Test
  void jsonOutputHasTheStableShape() throws IOException {
    CommandRun run = run(append(MOBILE_BACKEND, "--format", "json"));

    assertThat(run.exitCode()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "currency", "priceVersion", "total", "charges", "freeTier", "functions", "warnings");
    assertThat(json.get("currency").asText()).isEqualTo("USD");
    assertThat(json.get("priceVersion").asText()).isEqualTo("bundled-2026.1");
    assertThat(json.get("total").isTextual()).isTrue();
    assertThat(json.get("total").asText()).isEqualTo("2.73");
    assertThat(json.get("charges").toString())
        .isEqualTo(
            "{\"requests\":\"0.40\",\"duration\":\"2.33\",\"ephemeralStorage\":\"0.00\","
                + "\"provisionedConcurrency\":\"0.00\",\"provisionedDuration\":\"0.00\"}");
    assertThat(json.get("freeTier").get("requests").isNumber()).isTrue();
    assertThat(json.get("freeTier").get("requests").asLong()).isEqualTo(1_000_000L);
    assertThat(json.get("freeTier").get("gbSeconds").asText()).isEqualTo("400000");
    assertThat(json.get("functions")).hasSize(1);
    assertThat(json.get("functions").get(0).get("name").asText()).isEqualTo("function");
    assertThat(json.get("functions").get(0).get("total").asText()).isEqualTo("2.73");
    assertThat(json.get("functions").get(0).get("charges").get("duration").asText())
        .isEqualTo("2.33");
    assertThat(json.get("warnings").isArray()).isTrue();
    assertThat(json.get("warnings")).isEmpty();
  }

  @Test
  void withoutTheFreeTierEveryRequestAndGbSecondIsCharged() throws IOException {
    CommandRun run = run(append(MOBILE_BACKEND, "--no-free-tier", "--format", "json"));

    JsonNode json = JSON.readTree(run.out());
    // 540,000 GB-s x 0.0000166667 = 9.000018; 3 M x $0.2/M
    assertThat(json.get("total").asText()).isEqualTo("9.60");
    assertThat(json.get("freeTier").get("requests").asLong()).isZero();
    assertThat(json.get("freeTier").get("gbSeconds").asText()).isEqualTo("0");
  }

  @Test
  void theEphemeralStorageExampleCosts10641OnArm64AndX86() throws IOException {
    CommandRun run =
        run(
            "estimate",
            "--region",
            "us-east-1",
            "--architecture",
            "x86_64",
            "--memory-mb",
            "4096",
            "--requests",
            "6000000",
            "--avg-duration-ms",
            "280",
            "--ephemeral-mb",
            "2048",
            "--format",
            "json");

    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("total").asText()).isEqualTo("106.41");
    assertThat(json.get("charges").get("ephemeralStorage").asText()).isEqualTo("0.08");
  }

  @Test
  void severalFunctionsFromAnInputFileShareTheFreeTier() throws IOException {
    Path file = dir.resolve("scenario.json");
    Files.writeString(
        file,
        """
        {"freeTier": true,
         "functions": [
          {"name": "api", "region": "us-east-1", "architecture": "x86_64", "memoryMb": 1536,
           "ephemeralStorageMb": 512, "requests": 4000000, "avgDurationMs": 85,
           "provisioned": {"concurrency": 20, "seconds": 36000, "requests": 900000, "avgDurationMs": 70}},
          {"name": "worker", "region": "eu-west-1", "architecture": "arm64", "memoryMb": 1024,
           "requests": 1000000, "avgDurationMs": 250.5}]}
        """);

    CommandRun run = run("estimate", "--input", file.toString(), "--format", "json");

    assertThat(run.exitCode()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("functions"))
        .extracting(f -> f.get("name").asText())
        .containsExactly("api", "worker");
    assertThat(json.get("freeTier").get("requests").asLong()).isEqualTo(1_000_000L);
    assertThat(json.get("freeTier").get("gbSeconds").asText()).isEqualTo("400000");
    assertThat(json.get("charges").get("provisionedConcurrency").asText()).isEqualTo("4.50");
    assertThat(json.get("charges").get("provisionedDuration").asText()).isEqualTo("0.92");
    java.math.BigDecimal functionsTotal = java.math.BigDecimal.ZERO;
    for (JsonNode function : json.get("functions")) {
      functionsTotal = functionsTotal.add(new java.math.BigDecimal(function.get("total").asText()));
    }
    assertThat(functionsTotal).isEqualByComparingTo(json.get("total").asText());
  }

  @Test
  void theInputFilesFreeTierCanBeTurnedOff() throws IOException {
    Path file = dir.resolve("no-free-tier.json");
    Files.writeString(
        file,
        """
        {"freeTier": false, "functions": [{"name": "a", "region": "us-east-1", "memoryMb": 1536,
          "requests": 3000000, "avgDurationMs": 120}]}
        """);

    JsonNode json =
        JSON.readTree(run("estimate", "--input", file.toString(), "--format", "json").out());

    assertThat(json.get("total").asText()).isEqualTo("9.60");
  }

  /**
   * Each: what is wrong, the flag the message must name, and the command line after {@code
   * estimate}.
   */
  static Stream<Arguments> badFlags() {
    return Stream.of(
        bad(
            "negative requests",
            "--requests",
            "--region us-east-1 --memory-mb 128 --requests -1 --avg-duration-ms 1"),
        bad(
            "memory below 128 MB",
            "--memory-mb",
            "--region us-east-1 --memory-mb 127 --requests 1 --avg-duration-ms 1"),
        bad(
            "memory above 10,240 MB",
            "--memory-mb",
            "--region us-east-1 --memory-mb 10241 --requests 1 --avg-duration-ms 1"),
        bad(
            "memory not a number",
            "--memory-mb",
            "--region us-east-1 --memory-mb lots --requests 1 --avg-duration-ms 1"),
        bad(
            "ephemeral storage below 512 MB",
            "--ephemeral-mb",
            "--region us-east-1 --memory-mb 128 --requests 1 --avg-duration-ms 1 --ephemeral-mb 256"),
        bad(
            "ephemeral storage above 10,240 MB",
            "--ephemeral-mb",
            "--region us-east-1 --memory-mb 128 --requests 1 --avg-duration-ms 1 --ephemeral-mb 10241"),
        bad(
            "unknown region",
            "--region",
            "--region mars-north-1 --memory-mb 128 --requests 1 --avg-duration-ms 1"),
        bad(
            "unknown architecture",
            "--architecture",
            "--region us-east-1 --architecture x86 --memory-mb 128 --requests 1 --avg-duration-ms 1"),
        bad(
            "negative duration",
            "--avg-duration-ms",
            "--region us-east-1 --memory-mb 128 --requests 1 --avg-duration-ms -5"),
        bad("missing region", "--region", "--memory-mb 128 --requests 1 --avg-duration-ms 1"),
        bad(
            "unknown format",
            "--format",
            "--region us-east-1 --memory-mb 128 --requests 1 --avg-duration-ms 1 --format xml"),
        bad(
            "fractional requests",
            "--requests",
            "--region us-east-1 --memory-mb 128 --requests 1.5 --avg-duration-ms 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFlags")
  void badFlagsExitTwoWithOneLineNamingTheFlag(String[] args, String flag) {
    CommandRun run = run(args);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("lambda-ledger: " + flag + ":");
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "malformed JSON names line and column",
            "{\"functions\": [\n  {\"name\": \"a\",\n   \"region\": }\n]}",
            "malformed JSON at line 3, column 14"),
        Arguments.of(
            "a duplicate key",
            "{\"functions\": [], \"functions\": []}",
            "malformed JSON at line 1"),
        Arguments.of("no functions", "{\"functions\": []}", "functions: must be a list"),
        Arguments.of(
            "memory out of range",
            fn("\"memoryMb\": 64, \"requests\": 1, \"avgDurationMs\": 1"),
            "functions[0].memoryMb: must be between 128 and 10240, was 64"),
        Arguments.of(
            "ephemeral storage out of range",
            fn(
                "\"memoryMb\": 128, \"ephemeralStorageMb\": 20000, \"requests\": 1, \"avgDurationMs\": 1"),
            "functions[0].ephemeralStorageMb:"),
        Arguments.of(
            "negative requests",
            fn("\"memoryMb\": 128, \"requests\": -3, \"avgDurationMs\": 1"),
            "functions[0].requests: must be zero or more"),
        Arguments.of(
            "unknown architecture",
            fn(
                "\"architecture\": \"sparc\", \"memoryMb\": 128, \"requests\": 1, \"avgDurationMs\": 1"),
            "functions[0].architecture:"),
        Arguments.of(
            "a misspelt field",
            fn("\"memory\": 128, \"requests\": 1, \"avgDurationMs\": 1"),
            "functions[0].memory: unknown field"),
        Arguments.of(
            "a missing field",
            fn("\"requests\": 1, \"avgDurationMs\": 1"),
            "functions[0].memoryMb: required"),
        Arguments.of(
            "negative provisioned requests",
            fn(
                "\"memoryMb\": 128, \"requests\": 1, \"avgDurationMs\": 1, \"provisioned\": {\"concurrency\": 1, \"seconds\": 60, \"requests\": -1}"),
            "functions[0].provisioned.requests: must be zero or more"),
        Arguments.of(
            "text where a number belongs",
            fn("\"memoryMb\": \"128\", \"requests\": 1, \"avgDurationMs\": 1"),
            "functions[0].memoryMb: must be a number"),
        Arguments.of(
            "a duplicate function name",
            "{\"functions\": ["
                + fnObject("\"memoryMb\": 128, \"requests\": 1, \"avgDurationMs\": 1")
                + ", "
                + fnObject("\"memoryMb\": 128, \"requests\": 1, \"avgDurationMs\": 1")
                + "]}",
            "functions[1].name: duplicate name 'f'"),
        Arguments.of(
            "freeTier not a boolean",
            "{\"freeTier\": \"yes\", \"functions\": []}",
            "freeTier: must be true or false"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badInputFilesExitTwoWithOneLineNamingTheField(String name, String content, String message)
      throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, content);

    CommandRun run = run("estimate", "--input", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains(message);
  }

  @Test
  void aMissingInputFileIsBadInput() {
    CommandRun run = run("estimate", "--input", dir.resolve("absent.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("lambda-ledger: --input: cannot read");
  }

  @Test
  void flagsAndAnInputFileTogetherAreBadInput() throws IOException {
    Path file = dir.resolve("ok.json");
    Files.writeString(
        file,
        "{\"functions\": ["
            + fnObject("\"memoryMb\": 128, \"requests\": 1, \"avgDurationMs\": 1")
            + "]}");

    CommandRun run = run("estimate", "--input", file.toString(), "--region", "us-east-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("lambda-ledger: --input:");
  }

  private static Arguments bad(String name, String flag, String commandLine) {
    return Arguments.of(Named.of(name, ("estimate " + commandLine).split(" ")), flag);
  }

  private static String fn(String fields) {
    return "{\"functions\": [" + fnObject(fields) + "]}";
  }

  private static String fnObject(String fields) {
    return "{\"name\": \"f\", \"region\": \"us-east-1\", " + fields + "}";
  }

  private static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
