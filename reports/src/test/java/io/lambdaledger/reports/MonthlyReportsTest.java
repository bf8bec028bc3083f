package io.lambdaledger.reports;

import static io.lambdaledger.reports.TestCsv.records;
import static io.lambdaledger.reports.TestCsv.sum;
import static io.lambdaledger.reports.TestRows.OCTOBER;
import static io.lambdaledger.reports.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.model.AccountScope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class MonthlyReportsTest {

  private final InMemoryMonths months = new InMemoryMonths();

  /** October with two functions: api (3.10) and worker (0.45), in two accounts. */
  private void apiAndWorker(boolean isFinal) {
    months.month(
        OCTOBER,
        isFinal,
        row("111111111111", "us-east-1", "api", "3.10"),
        row("222222222222", "eu-west-1", "worker", "0.45"));
  }

  @Test
  void aFinalMonthIsWrittenAndItsSummaryMatchesTheFile() throws IOException {
    apiAndWorker(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ReportSummary summary =
        months.reports().write(ReportRequest.of(OCTOBER, ReportFormat.CSV), out);

    List<CSVRecord> records = records(out);
    assertThat(records).hasSize(2);
    assertThat(records).allSatisfy(r -> assertThat(r.get("notes")).isEmpty());
    assertThat(summary.functionRows()).isEqualTo(2);
    assertThat(summary.lines()).isEqualTo(2);
    assertThat(summary.totalCost()).isEqualByComparingTo(sum(records, "total_cost"));
    assertThat(summary.totalCost()).isEqualByComparingTo("3.55");
    assertThat(summary.partial()).isFalse();
  }

  @Test
  void aMonthThatIsNotFinalIsRefusedBeforeAnythingIsWritten() {
    months.month(OCTOBER, false, row("111111111111", "us-east-1", "api", "3.10"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(
            () -> months.reports().write(ReportRequest.of(OCTOBER, ReportFormat.FOCUS), out))
        .isInstanceOf(MonthNotFinalException.class)
        .hasMessageStartingWith("month 2026-10 is not final yet: usage can still change until");
    assertThat(out.size()).isZero();
  }

  @Test
  void aPartialReportSaysSoInEveryRowOfBothFormats() throws IOException {
    apiAndWorker(false);
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    ByteArrayOutputStream focus = new ByteArrayOutputStream();

    ReportSummary summary =
        months
            .reports()
            .write(ReportRequest.of(OCTOBER, ReportFormat.CSV).withAllowPartial(true), csv);
    months
        .reports()
        .write(ReportRequest.of(OCTOBER, ReportFormat.FOCUS).withAllowPartial(true), focus);

    assertThat(summary.partial()).isTrue();
    assertThat(records(csv))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.get("notes")).startsWith("PARTIAL: month not final"));
    assertThat(records(focus))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.get("x_Notes")).startsWith("PARTIAL: month not final"));
  }

  @Test
  void totalCostIsWhatTheFilesAddUpToInBothFormats() throws IOException {
    months.month(
        OCTOBER,
        true,
        row("111111111111", "us-east-1", "api", "3.10"),
        row("111111111111", "us-east-1", "orders", "17.01"),
        row("222222222222", "eu-west-1", "worker", "0.45"));
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    ByteArrayOutputStream focus = new ByteArrayOutputStream();
    MonthlyReports reports = months.reports();

    reports.write(ReportRequest.of(OCTOBER, ReportFormat.CSV), csv);
    ReportSummary focusSummary =
        reports.write(ReportRequest.of(OCTOBER, ReportFormat.FOCUS), focus);

    BigDecimal total = reports.totalCost(OCTOBER, AccountScope.all());
    assertThat(total).isEqualByComparingTo("20.56");
    assertThat(sum(records(csv), "total_cost")).isEqualByComparingTo(total);
    assertThat(sum(records(focus), "BilledCost")).isEqualByComparingTo(total);
    assertThat(focusSummary.lines()).isEqualTo(6);
  }

  @Test
  void onlyTheAccountsAskedForAreListed() throws IOException {
    apiAndWorker(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportRequest request =
        ReportRequest.of(OCTOBER, ReportFormat.CSV)
            .withAccounts(AccountScope.only(List.of("222222222222")));

    months.reports().write(request, out);

    assertThat(records(out)).extracting(r -> r.get("account_id")).containsExactly("222222222222");
    assertThat(months.reports().totalCost(OCTOBER, request.accounts()))
        .isEqualByComparingTo("0.45");
  }

  @Test
  void aScopedCallerSeesOnlyItsAccountsWhateverItAsksFor() {
    AccountScope visible = AccountScope.only(List.of("111111111111"));

    ReportRequest everything = ReportRequest.of(OCTOBER, ReportFormat.CSV).visibleTo(visible);
    ReportRequest other =
        ReportRequest.of(OCTOBER, ReportFormat.CSV)
            .withAccounts(AccountScope.only(List.of("111111111111", "222222222222")))
            .visibleTo(visible);
    ReportRequest unrestricted =
        ReportRequest.of(OCTOBER, ReportFormat.CSV).visibleTo(AccountScope.all());

    assertThat(everything.accounts()).isEqualTo(visible);
    assertThat(other.accounts()).isEqualTo(visible);
    assertThat(unrestricted.accounts().unrestricted()).isTrue();
    assertThat(
            ReportRequest.of(OCTOBER, ReportFormat.CSV)
                .withAccounts(AccountScope.only(List.of("222222222222")))
                .visibleTo(visible)
                .accounts()
                .accountIds())
        .isEmpty();
  }

  @Test
  void finalMonthsAreTheStoredMonthsWhoseUsageCannotChange() {
    months
        .month(OCTOBER.minusMonths(1), true, row("111111111111", "us-east-1", "api", "1"))
        .month(OCTOBER, true, row("111111111111", "us-east-1", "api", "1"))
        .month(OCTOBER.plusMonths(1), false, row("111111111111", "us-east-1", "api", "1"));

    assertThat(months.reports().finalMonths()).containsExactly(OCTOBER.minusMonths(1), OCTOBER);
  }
}
