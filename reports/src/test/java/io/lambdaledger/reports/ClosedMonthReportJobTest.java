package io.lambdaledger.reports;

import static io.lambdaledger.reports.TestRows.OCTOBER;
import static io.lambdaledger.reports.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.reports.ClosedMonthReportJob.Result;
import io.lambdaledger.reports.ReportFile.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedMonthReportJobTest {

  private static final YearMonth SEPTEMBER = OCTOBER.minusMonths(1);
  private static final YearMonth NOVEMBER = OCTOBER.plusMonths(1);
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path directory;

  private final InMemoryMonths months =
      new InMemoryMonths()
          .month(SEPTEMBER, true, row("111111111111", "us-east-1", "api", "1.00"))
          .month(OCTOBER, true, row("111111111111", "us-east-1", "api", "2.00"))
          .month(NOVEMBER, false, row("111111111111", "us-east-1", "api", "0.50"));

  private ClosedMonthReportJob job() {
    return new ClosedMonthReportJob(
        months.reports(), directory, List.of(ReportFormat.CSV, ReportFormat.FOCUS));
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyClosedMonthIsWrittenInEveryFormatAndOpenMonthsAreNot() throws IOException {
    List<Result> results = job().run();

    assertThat(files())
        .containsExactly(
            "lambda-costs-2026-09-focus.csv",
            "lambda-costs-2026-09.csv",
            "lambda-costs-2026-10-focus.csv",
            "lambda-costs-2026-10.csv");
    assertThat(results).extracting(result -> result.file().outcome()).containsOnly(Outcome.CREATED);
    assertThat(directory.resolve("lambda-costs-2026-10.csv")).content().contains(",2.00,");
  }

  @Test
  void runningAgainLeavesUnchangedFilesUntouched() throws IOException {
    job().run();
    for (String file : files()) {
      Files.setLastModifiedTime(directory.resolve(file), LONG_AGO);
    }

    List<Result> again = job().run();

    assertThat(again)
        .extracting(Result::month, result -> result.file().outcome())
        .containsOnly(org.assertj.core.groups.Tuple.tuple(OCTOBER, Outcome.UNCHANGED));
    for (String file : files()) {
      assertThat(Files.getLastModifiedTime(directory.resolve(file))).isEqualTo(LONG_AGO);
    }
  }

  @Test
  void theLatestClosedMonthIsReplacedWhenItsFiguresChange() throws IOException {
    job().run();
    months.month(OCTOBER, true, row("111111111111", "us-east-1", "api", "2.50"));

    List<Result> again = job().run();

    assertThat(again).extracting(result -> result.file().outcome()).containsOnly(Outcome.REPLACED);
    assertThat(directory.resolve("lambda-costs-2026-10.csv")).content().contains(",2.50,");
  }

  @Test
  void aMonthThatClosesIsWrittenOnTheNextRun() throws IOException {
    job().run();
    months.month(NOVEMBER, true, row("111111111111", "us-east-1", "api", "0.75"));

    List<Result> again = job().run();

    assertThat(again)
        .filteredOn(result -> result.file().outcome() == Outcome.CREATED)
        .extracting(Result::month)
        .containsOnly(NOVEMBER);
    assertThat(files()).contains("lambda-costs-2026-11.csv", "lambda-costs-2026-11-focus.csv");
  }

  @Test
  void aMissingOlderFileIsWrittenAgain() throws IOException {
    job().run();
    Files.delete(directory.resolve("lambda-costs-2026-09.csv"));

    List<Result> again = job().run();

    assertThat(again)
        .filteredOn(result -> result.file().outcome() == Outcome.CREATED)
        .extracting(result -> result.file().path())
        .containsExactly(directory.resolve("lambda-costs-2026-09.csv"));
  }
}
