package io.lambdaledger.api.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Paging;
import io.lambdaledger.api.http.SortOrder;
import io.lambdaledger.api.http.Step;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.api.http.WindowParser;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenCost-style query grammar: window, aggregate, filter, step, sort, paging. */
class QueryGrammarTest {

  static final Instant NOW = Instant.parse("2026-10-15T13:45:00Z");
  final WindowParser windows = new WindowParser(Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest(name = "window={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-10 | 2026-10-01T00:00:00Z | 2026-11-01T00:00:00Z",
        "2026-02 | 2026-02-01T00:00:00Z | 2026-03-01T00:00:00Z",
        "2026-10-05 | 2026-10-05T00:00:00Z | 2026-10-06T00:00:00Z",
        "today | 2026-10-15T00:00:00Z | 2026-10-16T00:00:00Z",
        "yesterday | 2026-10-14T00:00:00Z | 2026-10-15T00:00:00Z",
        "month | 2026-10-01T00:00:00Z | 2026-11-01T00:00:00Z",
        "lastmonth | 2026-09-01T00:00:00Z | 2026-10-01T00:00:00Z",
        "7d | 2026-10-08T13:45:00Z | 2026-10-15T13:45:00Z",
        "12h | 2026-10-15T01:45:00Z | 2026-10-15T13:45:00Z",
        "30m | 2026-10-15T13:15:00Z | 2026-10-15T13:45:00Z",
        "'2026-10-01T00:00:00Z,2026-10-15T00:00:00Z' | 2026-10-01T00:00:00Z | 2026-10-15T00:00:00Z",
        "'2026-10-01T02:00:00+02:00,2026-10-02' | 2026-10-01T00:00:00Z | 2026-10-02T00:00:00Z",
        "'1790812800,1790899200' | 2026-10-01T00:00:00Z | 2026-10-02T00:00:00Z",
      })
  void windows_parse_to_half_open_utc_intervals(String text, String start, String end) {
    TimeWindow window = windows.parse("window", text);
    assertThat(window).isEqualTo(new TimeWindow(Instant.parse(start), Instant.parse(end)));
  }

  @ParameterizedTest(name = "window={0}")
  @ValueSource(
      strings = {
        "",
        " ",
        "2026-13",
        "2026-02-30",
        "week-ish",
        "7w",
        "0d",
        "9999999d",
        "500d",
        "2026-10-15T00:00:00Z,2026-10-01T00:00:00Z",
        "2026-10-01,2026-10-01",
        "a,b",
        "2026-10-01,2026-10-02,2026-10-03",
        "1900-01",
        "2026-10-01T00:00:00,2026-10-02T00:00:00Z",
        "'; drop table",
      })
  void malformed_windows_are_refused_naming_the_parameter(String text) {
    assertThatThrownBy(() -> windows.parse("window", text))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.body("/x").parameter()).isEqualTo("window");
            });
  }

  @Test
  void months_accept_keywords_and_default_to_the_current_month() {
    assertThat(windows.parseMonth("month", null)).isEqualTo(YearMonth.of(2026, 10));
    assertThat(windows.parseMonth("month", "lastmonth")).isEqualTo(YearMonth.of(2026, 9));
    assertThat(windows.parseMonth("month", "2025-01")).isEqualTo(YearMonth.of(2025, 1));
    assertThatThrownBy(() -> windows.parseMonth("month", "2025-1"))
        .isInstanceOf(ApiProblem.class)
        .hasMessageContaining("2026-10");
  }

  @Test
  void aggregate_takes_fields_and_tags_in_order() {
    assertThat(Dimension.parseAggregate("aggregate", "function, tag:team ,region"))
        .containsExactly(
            Dimension.Field.FUNCTION, new Dimension.Tag("team"), Dimension.Field.REGION);
    assertThat(Dimension.parseAggregate("aggregate", null)).isEmpty();
    assertThat(Dimension.parseAggregate("aggregate", "tag:aws:cloudformation:stack-name"))
        .containsExactly(new Dimension.Tag("aws:cloudformation:stack-name"));
  }

  @ParameterizedTest(name = "aggregate={0}")
  @ValueSource(strings = {"functions", "tag:", "function,function", ",", "label:x", "FUNCTION"})
  void bad_aggregates_are_refused(String text) {
    assertThatThrownBy(() -> Dimension.parseAggregate("aggregate", text))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.body("/").parameter()).isEqualTo("aggregate"));
  }

  @Test
  void filter_terms_on_one_field_are_alternatives_and_fields_combine() {
    CostFilter filter =
        CostFilter.parse("filter", "region:us-east-1,region:eu-west-1,tag:team:payments");
    Map<Dimension, String> inUsEast =
        Map.of(Dimension.Field.REGION, "us-east-1", new Dimension.Tag("team"), "payments");
    Map<Dimension, String> wrongTeam =
        Map.of(Dimension.Field.REGION, "eu-west-1", new Dimension.Tag("team"), "search");
    Map<Dimension, String> untagged = Map.of(Dimension.Field.REGION, "eu-west-1");
    assertThat(filter.matches(inUsEast::get)).isTrue();
    assertThat(filter.matches(wrongTeam::get)).isFalse();
    assertThat(filter.matches(untagged::get)).isFalse();
    assertThat(filter.valuesFor(Dimension.Field.REGION))
        .isEqualTo(Set.of("us-east-1", "eu-west-1"));
  }

  @Test
  void tag_filters_split_key_and_value_at_the_last_colon() {
    CostFilter filter = CostFilter.parse("filter", "tag:aws:cloudformation:stack-name:billing");
    assertThat(filter.valuesFor(new Dimension.Tag("aws:cloudformation:stack-name")))
        .containsExactly("billing");
  }

  @ParameterizedTest(name = "filter={0}")
  @ValueSource(strings = {"region", "region:", ":x", "tag:team", "colour:red", "region:a,,"})
  void bad_filters_are_refused(String text) {
    assertThatThrownBy(() -> CostFilter.parse("filter", text))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.body("/").parameter()).isEqualTo("filter"));
  }

  @Test
  void steps_split_a_window_at_utc_boundaries_clipping_the_ends() {
    TimeWindow window =
        new TimeWindow(
            Instant.parse("2026-10-30T12:00:00Z"), Instant.parse("2026-11-02T06:00:00Z"));
    assertThat(Step.DAY.split("step", window))
        .extracting(TimeWindow::start)
        .containsExactly(
            Instant.parse("2026-10-30T12:00:00Z"),
            Instant.parse("2026-10-31T00:00:00Z"),
            Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(Step.MONTH.split("step", window)).hasSize(2);
    assertThat(Step.HOUR.split("step", window)).hasSize(66);
  }

  @Test
  void too_many_points_are_refused_naming_the_step() {
    TimeWindow month = TimeWindow.of(YearMonth.of(2026, 10));
    assertThatThrownBy(() -> Step.HOUR.split("step", month))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.body("/").parameter()).isEqualTo("step"));
    assertThatThrownBy(() -> Step.parse("step", "week")).isInstanceOf(ApiProblem.class);
    assertThat(Step.parse("step", null)).isNull();
  }

  @Test
  void sort_and_paging_are_validated() {
    Set<String> fields = Set.of("total", "requests");
    assertThat(SortOrder.parse("sort", "-total", fields, null))
        .isEqualTo(new SortOrder("total", true));
    assertThat(SortOrder.parse("sort", "requests:asc", fields, null))
        .isEqualTo(new SortOrder("requests", false));
    assertThatThrownBy(() -> SortOrder.parse("sort", "cost", fields, null))
        .isInstanceOf(ApiProblem.class);
    assertThat(Paging.parse("2", "1").apply(List.of(1, 2, 3, 4))).containsExactly(2, 3);
    assertThat(Paging.parse(null, "10").apply(List.of(1, 2))).isEmpty();
    for (String[] bad :
        new String[][] {
          {"0", null}, {"-1", null}, {"x", null}, {null, "-3"}, {"99999999999999999999", null}
        }) {
      assertThatThrownBy(() -> Paging.parse(bad[0], bad[1])).isInstanceOf(ApiProblem.class);
    }
  }
}
