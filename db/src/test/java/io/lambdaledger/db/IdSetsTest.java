package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdSetsTest {

  @Test
  void consecutiveIdsAreReadAsOneRange() {
    String sql =
        IdSets.condition(METRIC_SAMPLE.FUNCTION_ID, List.of(10L, 11L, 12L, 14L)).toString();

    assertThat(sql).contains("between").doesNotContain(" in ");
  }

  @Test
  void idsSpreadOverTheTableAreLookedUpOneByOne() {
    String sql =
        IdSets.condition(METRIC_SAMPLE.FUNCTION_ID, List.of(3L, 4_000L, 17_000L)).toString();

    assertThat(sql).contains(" in (").doesNotContain("between");
  }

  @Test
  void aRangeMayHoldAtMostTwiceTheIdsWanted() {
    assertThat(IdSets.isDense(1, 8, 4)).isTrue();
    assertThat(IdSets.isDense(1, 9, 4)).isFalse();
    assertThat(IdSets.isDense(5, 5, 1)).isTrue();
  }
}
