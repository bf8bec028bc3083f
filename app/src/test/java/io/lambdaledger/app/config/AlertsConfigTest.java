package io.lambdaledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.alerting.AnomalyRules;
import io.lambdaledger.core.alerting.Budget;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {

  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader();

  private LedgerConfig load(String text) throws IOException {
    Path file = dir.resolve("ledger.yaml");
    Files.writeString(file, text);
    return loader.load(file, Map.of());
  }

  @Test
  void theAlertsSectionIsRead() throws IOException {
    AlertsConfig alerts =
        load("""
                alerts:
                  webhooks:
                    - name: chat
                      url: https://hooks.example.com/x
                      format: slack
                    - name: pager
                      url: http://10.0.0.5:9000/alerts
                  budgets:
                    - name: payments
                      account: "111111111111"
                      amount: 500.25
                    - name: search-team
                      tag: team=search
                      amount: 80
                  anomalies:
                    weeks: 6
                    minimumIncrease: 2
                    hourlyMinimumDailyCost: 100
                  delivery:
                    attempts: 3
                    backoff: 500ms
                    timeout: 3s
                    retryFor: 6h
                  metricsTopFunctions: 5
                """)
            .alerts();
    assertThat(alerts.webhooks())
        .extracting(AlertsConfig.WebhookConfig::format)
        .containsExactly("slack", "json");
    assertThat(alerts.budgetList())
        .containsExactly(
            new Budget(
                "payments", "111111111111", null, null, new BigDecimal("500.25"), "USD", "config"),
            new Budget(
                "search-team", null, null, "team=search", new BigDecimal("80"), "USD", "config"));
    AnomalyRules rules = alerts.anomalies().rules();
    assertThat(rules.weeks()).isEqualTo(6);
    assertThat(rules.minimumWeeks()).isEqualTo(3);
    assertThat(rules.minimumIncrease()).isEqualByComparingTo("2");
    assertThat(alerts.delivery().attempts()).isEqualTo(3);
    assertThat(alerts.delivery().backoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(alerts.delivery().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(alerts.delivery().retryFor()).isEqualTo(Duration.ofHours(6));
    assertThat(alerts.anomalies().hourlyMinimumDailyCost()).isEqualByComparingTo("100");
    assertThat(alerts.metricsTopFunctions()).isEqualTo(5);
  }

  @Test
  void withoutASectionNothingIsSentAndNoFunctionIsNamedOnTheUnauthenticatedMetrics()
      throws IOException {
    AlertsConfig alerts = load("server:\n  port: 0\n").alerts();
    assertThat(alerts.webhooks()).isEmpty();
    assertThat(alerts.budgets()).isEmpty();
    assertThat(alerts.anomalies().enabled()).isTrue();
    assertThat(alerts.anomalies().rules()).isEqualTo(AnomalyRules.DEFAULT);
    assertThat(alerts.metricsTopFunctions()).isZero();
    assertThat(alerts.anomalies().hourlyMinimumDailyCost()).isEqualByComparingTo("24");
    assertThat(alerts.delivery().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(alerts.delivery().retryFor()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void unusableValuesAreReportedByTheirKey() {
    assertThatThrownBy(() -> load("alerts:\n  webhooks:\n    - name: a\n      url: ftp://x/y\n"))
        .hasMessageContaining("alerts.webhooks[0].url");
    assertThatThrownBy(
            () ->
                load(
                    "alerts:\n  webhooks:\n    - name: a\n      url: https://x/y\n      format: xml\n"))
        .hasMessageContaining("alerts.webhooks[0].format");
    assertThatThrownBy(() -> load("alerts:\n  budgets:\n    - name: a\n      amount: -5\n"))
        .hasMessageContaining("alerts.budgets[0]")
        .hasMessageContaining("more than 0");
    assertThatThrownBy(
            () ->
                load(
                    "alerts:\n  budgets:\n    - name: a\n      amount: 5\n    - name: a\n      amount: 6\n"))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> load("alerts:\n  anomalies:\n    weeks: 2\n    minimumWeeks: 3\n"))
        .hasMessageContaining("alerts.anomalies");
    assertThatThrownBy(() -> load("alerts:\n  delivery:\n    attempts: 50\n"))
        .hasMessageContaining("alerts.delivery.attempts");
    assertThatThrownBy(() -> load("alerts:\n  delivery:\n    retryFor: 30d\n"))
        .hasMessageContaining("alerts.delivery.retryFor");
    assertThatThrownBy(() -> load("alerts:\n  anomalies:\n    hourlyMinimumDailyCost: -1\n"))
        .hasMessageContaining("alerts.anomalies.hourlyMinimumDailyCost");
    assertThatThrownBy(() -> load("alerts:\n  webhook: []\n")).hasMessageContaining("unknown key");
  }
}
