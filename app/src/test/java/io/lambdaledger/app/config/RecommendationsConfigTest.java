package io.lambdaledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationsConfigTest {

  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  private LedgerConfig load(String text, Map<String, String> environment) throws IOException {
    Path file = dir.resolve("ledger.yaml");
    Files.writeString(file, text);
    return loader.load(file, environment);
  }

  @Test
  void theScanBudgetIsAKeyWithADefaultAndAnEnvironmentOverride() throws IOException {
    assertThat(load("server:\n  port: 0\n", Map.of()).recommendations().scanBudget())
        .isEqualByComparingTo("1.00");
    assertThat(load("server:\n  port: 0\n", Map.of()).recommendations().lookbackDays())
        .isEqualTo(14);
    LedgerConfig set = load("recommendations:\n  scanBudget: 0.25\n  lookbackDays: 30\n", Map.of());
    assertThat(set.recommendations().scanBudget()).isEqualByComparingTo("0.25");
    assertThat(set.recommendations().lookbackDays()).isEqualTo(30);
    assertThat(
            load(
                    "recommendations:\n  scanBudget: 0.25\n",
                    Map.of("LEDGER_RECOMMENDATIONS_SCAN_BUDGET", "0"))
                .recommendations()
                .scanBudget())
        .isEqualByComparingTo("0");
  }

  @Test
  void badValuesAreReportedByTheirKey() {
    assertThatThrownBy(() -> load("recommendations:\n  scanBudget: -1\n", Map.of()))
        .hasMessageContaining("recommendations.scanBudget");
    assertThatThrownBy(() -> load("recommendations:\n  lookbackDays: 0\n", Map.of()))
        .hasMessageContaining("recommendations.lookbackDays");
  }
}
