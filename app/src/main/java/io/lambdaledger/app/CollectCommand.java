package io.lambdaledger.app;

import io.lambdaledger.app.config.LedgerConfig;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.CollectorSetupException;
import io.lambdaledger.collector.CycleReport;
import io.lambdaledger.collector.Progress;
import io.lambdaledger.collector.ShardReport;
import io.lambdaledger.db.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code collect --once}: one cycle over every configured account and region, then exit (for cron
 * or a Kubernetes CronJob). {@code collect --from ISO [--to ISO]}: a backfill, resumable, with a
 * progress bar on a terminal and log lines otherwise. Exit code 1 if any shard failed.
 */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Collects Lambda usage from CloudWatch into the database.",
      "  --once                  one cycle over every account and region, then exit",
      "  --from ISO [--to ISO]   backfill a past range (resumable; re-run to resume)"
    })
public final class CollectCommand extends LedgerSubcommand {

  @Option(names = "--once", description = "Run one collection cycle and exit.")
  boolean once;

  @Option(
      names = "--from",
      paramLabel = "ISO",
      description = "Backfill from this instant or date (2026-09-01 or 2026-09-01T00:00:00Z).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "ISO",
      description = "Backfill up to this instant or date, exclusive (default: now).")
  String to;

  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    boolean backfill = from != null || to != null;
    if (once == backfill) {
      throw new UsageException("collect needs either --once, or --from (and optionally --to)");
    }
    if (backfill && from == null) {
      throw new UsageException("--to needs --from");
    }
    Instant start = backfill ? instant("--from", from) : null;
    Instant end = backfill ? (to == null ? clock.instant() : instant("--to", to)) : null;
    if (backfill && !start.isBefore(end)) {
      throw new UsageException("--from must be before --to");
    }
    LedgerConfig config = main.config();
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = Databases.open(config.database());
        AwsClientFactory clients = CollectorWiring.clientFactory(main.environment());
        Collector collector =
            new Collector(
                database,
                clients,
                CollectorWiring.targets(config, main.environment()),
                CollectorWiring.settings(config),
                clock)) {
      CycleReport report;
      if (backfill) {
        Progress progress =
            Progress.forConsole(System.console() != null, System.err, Clock.systemUTC());
        try {
          report = collector.backfill(start, end, progress);
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
      } else {
        report = collector.runOnce();
        collector.applyRetention();
      }
      for (ShardReport shard : report.shards()) {
        out.println(shard.summary());
      }
      out.flush();
      // the metrics are stored; provisioned concurrency and tags of new functions follow
      if (!collector.awaitEnrichment(Collector.ENRICHMENT_WAIT)) {
        out.println("Provisioned concurrency and tags not all read: the next run reads the rest");
        out.flush();
      }
      if (!report.succeeded()) {
        throw new UserFacingException(
            report.failures().size()
                + " of "
                + report.shards().size()
                + " collection runs failed: "
                + report.failures().stream()
                    .map(
                        failure ->
                            failure.shard() + " " + failure.window() + ": " + failure.error())
                    .collect(Collectors.joining("; ")));
      }
      return 0;
    } catch (CollectorSetupException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
  }

  /** An ISO instant ({@code 2026-09-01T00:00:00Z}) or date ({@code 2026-09-01}, UTC midnight). */
  static Instant instant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new UsageException(
            option
                + " '"
                + text
                + "' is not an ISO instant or date (2026-09-01T00:00:00Z or 2026-09-01)");
      }
    }
  }
}
