package io.lambdaledger.app.config;

import io.lambdaledger.app.config.LedgerConfig.AccountConfig;
import io.lambdaledger.app.config.LedgerConfig.CollectorConfig;
import io.lambdaledger.app.config.LedgerConfig.TokenConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks values that parse but cannot be used; the first problem is reported by its key. */
final class ConfigValidator {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> ROLES = Set.of("viewer", "admin");
  private static final Set<String> FORMATS = Set.of("csv", "focus");

  private ConfigValidator() {}

  static void validate(LedgerConfig config) {
    String url = config.database().url();
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      fail("database.url", "must be a jdbc:h2: or jdbc:postgresql: URL");
    }
    List<String> regions = config.aws().regions();
    for (int i = 0; i < regions.size(); i++) {
      if (!REGION.matcher(regions.get(i)).matches()) {
        fail(
            "aws.regions[" + i + "]",
            "'" + regions.get(i) + "' is not an AWS region such as us-east-1");
      }
    }
    validateAccounts(config.aws().accounts());
    validateCollector(config.collector());
    int port = config.server().port();
    require(port >= 0 && port <= 65535, "server.port", "must be between 0 and 65535");
    validateTokens(config.server().tokens());
    for (String format : config.reports().formats()) {
      require(
          FORMATS.contains(format), "reports.formats", "'" + format + "' is not one of csv, focus");
    }
    config.alerts().validate();
    require(
        config.recommendations().scanBudget().signum() >= 0,
        "recommendations.scanBudget",
        "must not be negative");
    int lookback = config.recommendations().lookbackDays();
    require(lookback >= 1 && lookback <= 90, "recommendations.lookbackDays", "must be 1 to 90");
  }

  private static void validateAccounts(List<AccountConfig> accounts) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < accounts.size(); i++) {
      AccountConfig account = accounts.get(i);
      String key = "aws.accounts[" + i + "]";
      if (account.id() == null || !ACCOUNT.matcher(account.id()).matches()) {
        fail(key + ".id", "must be a 12-digit AWS account id");
      }
      require(seen.add(account.id()), key + ".id", "account " + account.id() + " is listed twice");
      if (account.roleArn() != null && !ROLE_ARN.matcher(account.roleArn()).matches()) {
        fail(
            key + ".roleArn",
            "must be an IAM role ARN such as arn:aws:iam::123456789012:role/Reader");
      }
      if (account.payerAccountId() != null
          && !ACCOUNT.matcher(account.payerAccountId()).matches()) {
        fail(key + ".payerAccountId", "must be a 12-digit AWS account id");
      }
    }
  }

  private static void validateCollector(CollectorConfig collector) {
    if (collector.interval() != null) {
      positive(collector.interval(), "collector.interval");
    }
    require(
        collector.budget().signum() > 0,
        "collector.budget",
        "must be a positive amount of US dollars a month");
    positive(collector.lookback(), "collector.lookback");
    positive(collector.finalityMargin(), "collector.finalityMargin");
    long period = collector.period().toSeconds();
    require(
        period == 60 || (period > 0 && period % 60 == 0 && 3600 % period == 0),
        "collector.period",
        "must be 1m or a whole number of minutes that divides an hour (5m, 15m, 1h...)");
    require(
        collector.sampleRetentionDays() >= 1,
        "collector.sampleRetentionDays",
        "must be at least 1");
    require(
        collector.maxConcurrentShards() >= 1,
        "collector.maxConcurrentShards",
        "must be at least 1");
    require(
        collector.getMetricDataTps() > 0 && collector.getMetricDataTps() <= 50,
        "collector.getMetricDataTps",
        "must be above 0 and at most 50 (the GetMetricData quota)");
    require(
        collector.lambdaTps() > 0 && collector.lambdaTps() <= 15,
        "collector.lambdaTps",
        "must be above 0 and at most 15 (the Lambda control-plane quota)");
  }

  private static void validateTokens(List<TokenConfig> tokens) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      TokenConfig token = tokens.get(i);
      String key = "server.tokens[" + i + "]";
      require(token.name() != null && !token.name().isBlank(), key + ".name", "is required");
      require(
          names.add(token.name()),
          key + ".name",
          "token name '" + token.name() + "' is used twice");
      require(
          token.sha256() != null && SHA256.matcher(token.sha256()).matches(),
          key + ".sha256",
          "must be the token's SHA-256 as 64 lowercase hex digits (see docs/configuration.md)");
      require(
          token.role() != null && ROLES.contains(token.role()),
          key + ".role",
          "must be viewer or admin");
      for (String account : token.accounts()) {
        require(
            account != null && ACCOUNT.matcher(account).matches(),
            key + ".accounts",
            "'" + account + "' is not a 12-digit AWS account id");
      }
    }
  }

  private static void positive(Duration duration, String key) {
    require(!duration.isNegative() && !duration.isZero(), key, "must be a positive duration");
  }

  private static void require(boolean condition, String key, String message) {
    if (!condition) {
      fail(key, message);
    }
  }

  private static void fail(String key, String message) {
    throw new ConfigException("config: key '" + key + "' " + message);
  }
}
