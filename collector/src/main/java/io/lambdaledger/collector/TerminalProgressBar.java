package io.lambdaledger.collector;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A one-line progress bar redrawn with a carriage return, at most ten times a second. */
final class TerminalProgressBar extends CountingProgress {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private Instant started;
  private Instant lastDrawn;
  private String note = "";
  private int lastLength;

  TerminalProgressBar(PrintStream out, Clock clock) {
    super(clock);
    this.out = out;
  }

  @Override
  void started() {
    this.started = clock.instant();
    this.lastDrawn = null;
    draw(true);
  }

  @Override
  void advanced(String note) {
    if (note != null) {
      this.note = note;
    }
    draw(done == total);
  }

  @Override
  public synchronized void finish() {
    draw(true);
    out.println();
    out.flush();
  }

  private void draw(boolean force) {
    Instant now = clock.instant();
    if (!force && lastDrawn != null && Duration.between(lastDrawn, now).toMillis() < 100) {
      return;
    }
    lastDrawn = now;
    String line = line(now);
    // pad over what a longer previous line left on the terminal
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    lastLength = line.length();
    out.flush();
  }

  String line(Instant now) {
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    StringBuilder bar = new StringBuilder(task).append(" [");
    bar.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    bar.append(percent()).append("% ").append(done).append('/').append(total);
    Duration elapsed = Duration.between(started, now);
    if (done > 0 && done < total) {
      Duration remaining = elapsed.multipliedBy(total - done).dividedBy(done);
      bar.append(" eta ").append(format(remaining));
    } else {
      bar.append(" in ").append(format(elapsed));
    }
    if (!note.isEmpty()) {
      bar.append("  ").append(note);
    }
    return bar.toString();
  }

  private static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
  }
}
