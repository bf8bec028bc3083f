package io.lambdaledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  private Path yaml(String text) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Nested
  class Defaults {
    @Test
    void withNoFileAndNoEnvironmentEverySettingHasItsDefault() {
      LedgerConfig config = loader.load(null, Map.of());
      assertThat(config.database().url()).isEqualTo("jdbc:h2:file:./data/lambda-ledger");
      assertThat(config.collector().period()).isEqualTo(Duration.ofMinutes(5));
      assertThat(config.collector().interval())
          .as("no interval: the budget chooses the cadence")
          .isNull();
      assertThat(config.collector().budget()).isEqualByComparingTo("15");
      assertThat(config.server().port()).isEqualTo(8080);
      assertThat(config.server().authEnabled()).isTrue();
      assertThat(config.reports().formats()).containsExactly("csv", "focus");
    }

    @Test
    void anEmptyFileIsTheDefaults() throws IOException {
      assertThat(loader.load(yaml(""), Map.of())).isEqualTo(LedgerConfig.defaults());
    }
  }

  @Nested
  class FileAndEnvironment {
    @Test
    void theFileSetsNestedSettingsAndDurationsInShortForm() throws IOException {
      Path file =
          yaml(
              """
              database:
                url: jdbc:postgresql://db:5432/ledger
                user: ledger
              aws:
                regions: [us-east-1, eu-west-1]
                accounts:
                  - id: "123456789012"
                    roleArn: arn:aws:iam::123456789012:role/LambdaLedgerReader
                    externalId: s3cr3t
              collector:
                period: 1m
                interval: PT10M
                budget: 42.50
              server:
                port: 9090
              """);
      LedgerConfig config = loader.load(file, Map.of());
      assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db:5432/ledger");
      assertThat(config.aws().regions()).containsExactly("us-east-1", "eu-west-1");
      assertThat(config.aws().accounts().getFirst().externalId()).isEqualTo("s3cr3t");
      assertThat(config.collector().period()).isEqualTo(Duration.ofMinutes(1));
      assertThat(config.collector().interval()).isEqualTo(Duration.ofMinutes(10));
      assertThat(config.collector().budget()).isEqualByComparingTo("42.50");
      assertThat(config.server().port()).isEqualTo(9090);
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
      Path file = yaml("database:\n  url: jdbc:h2:mem:x\nserver:\n  port: 9090\n");
      LedgerConfig config =
          loader.load(
              file,
              Map.of(
                  "LEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                  "LEDGER_DB_PASSWORD", "pw",
                  "LEDGER_REGIONS", "us-east-1, eu-central-1",
                  "LEDGER_SERVER_PORT", "7070"));
      assertThat(config.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
      assertThat(config.database().password()).isEqualTo("pw");
      assertThat(config.aws().regions()).containsExactly("us-east-1", "eu-central-1");
      assertThat(config.server().port()).isEqualTo(7070);
    }

    @Test
    void everyDocumentedEnvironmentVariableNamesAKeyThatExists() {
      ConfigLoader.ENVIRONMENT_KEYS.forEach(
          (variable, key) -> {
            String value =
                switch (key) {
                  case "database.url" -> "jdbc:h2:mem:x";
                  case "collector.sampleRetentionDays",
                      "collector.maxConcurrentShards",
                      "collector.getMetricDataTps",
                      "collector.lambdaTps",
                      "collector.budget",
                      "recommendations.scanBudget",
                      "server.port" ->
                      "3";
                  case "server.authEnabled" -> "false";
                  case "aws.regions" -> "us-east-1";
                  case "reports.formats" -> "csv";
                  case "collector.period" -> "5m";
                  case "bill.importInterval" -> "2h";
                  default -> key.startsWith("collector.") ? "7m" : "value";
                };
            assertThat(loader.load(null, Map.of(variable, value))).as(variable).isNotNull();
          });
    }
  }

  @Nested
  class Errors {
    /** An unknown key (and the known one meant), a wrong type, a bad duration. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '"',
        value = {
          "collector:\\n  peroid: 5m|unknown key 'collector.peroid'|period",
          "server:\\n  port: eighty|'server.port'|whole number",
          "collector:\\n  interval: soon|'collector.interval'|soon",
        })
    void aBadKeyOrValueIsNamedWithItsPathAndWhatIsWrong(String yamlText, String key, String wrong)
        throws IOException {
      Path file = yaml(yamlText.replace("\\n", "\n") + "\n");
      assertThatThrownBy(() -> loader.load(file, Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(key)
          .hasMessageContaining(wrong);
    }

    @Test
    void aWrongTypeFromTheEnvironmentSaysSo() {
      assertThatThrownBy(() -> loader.load(null, Map.of("LEDGER_SERVER_PORT", "x")))
          .hasMessageContaining("'server.port'")
          .hasMessageContaining("from the environment");
    }

    @Test
    void brokenYamlGivesTheLine() throws IOException {
      Path file = yaml("server:\n  port: [1,\n");
      assertThatThrownBy(() -> loader.load(file, Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("not valid YAML")
          .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
    }

    @Test
    void aMissingFileIsNamed() {
      assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of()))
          .hasMessageContaining("file not found")
          .hasMessageContaining("nope.yaml");
    }

    @Test
    void thePasswordNeverAppearsInAnError() throws IOException {
      Path file = yaml("database:\n  url: mysql://x\n  password: hunter2\n");
      assertThatThrownBy(() -> loader.load(file, Map.of()))
          .hasMessageContaining("'database.url'")
          .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "aws:\\n  regions: [useast1]|aws.regions[0]",
          "aws:\\n  accounts:\\n    - id: '12'|aws.accounts[0].id",
          "aws:\\n  accounts:\\n    - id: '123456789012'\\n      roleArn: nope|aws.accounts[0].roleArn",
          "collector:\\n  period: 7m|collector.period",
          "collector:\\n  getMetricDataTps: 80|collector.getMetricDataTps",
          "collector:\\n  sampleRetentionDays: 0|collector.sampleRetentionDays",
          "collector:\\n  budget: 0|collector.budget",
          "collector:\\n  budget: -5|collector.budget",
          "server:\\n  port: 70000|server.port",
          "server:\\n  tokens:\\n    - name: a\\n      sha256: abc\\n      role: viewer|server.tokens[0].sha256",
          "reports:\\n  formats: [xlsx]|reports.formats",
        })
    void aValueOutOfRangeIsNamedByItsKey(String yamlText, String key) throws IOException {
      Path file = yaml(yamlText.replace("\\n", "\n"));
      assertThatThrownBy(() -> loader.load(file, Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("'" + key + "'");
    }
  }
}
