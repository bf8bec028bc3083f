package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static final Instant T0 = Instant.parse("2026-10-01T12:00:00Z");

  @Test
  void onATerminalTheBarIsRedrawnInPlaceWithPercentAndTimeLeft() {
    MutableClock clock = new MutableClock(T0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress =
        Progress.forConsole(true, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);

    progress.start("backfill", 4);
    clock.advance(Duration.ofSeconds(30));
    progress.advance(1, "111111111111/us-east-1 2026-09-01");
    clock.advance(Duration.ofSeconds(90));
    progress.advance(3, null);
    progress.finish();

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\rbackfill [..............................] 0% 0/4");
    assertThat(out)
        .contains(
            "\rbackfill [#######.......................] 25% 1/4 eta 1m30s"
                + "  111111111111/us-east-1 2026-09-01");
    assertThat(out).contains("\rbackfill [##############################] 100% 4/4 in 2m0s");
    assertThat(out).endsWith(System.lineSeparator());
    assertThat(out.chars().filter(c -> c == '\n').count()).as("one line, redrawn").isEqualTo(1);
  }

  @Test
  void withoutATerminalProgressIsLoggedNotDrawn() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress =
        Progress.forConsole(
            false, new PrintStream(bytes, true, StandardCharsets.UTF_8), new MutableClock(T0));

    progress.start("backfill", 10);
    progress.advance(5, "day");
    progress.finish();

    assertThat(progress).isInstanceOf(LogProgress.class);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
