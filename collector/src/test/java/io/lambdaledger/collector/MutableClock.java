package io.lambdaledger.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand; the simulator and the collector share it. */
final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final boolean live;

  MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
    this.live = false;
  }

  private MutableClock() {
    this.now = new AtomicReference<>();
    this.live = true;
  }

  /** A clock that follows the system clock and cannot be moved. */
  static MutableClock system() {
    return new MutableClock();
  }

  void set(Instant instant) {
    requireManual();
    now.set(instant);
  }

  void advance(Duration duration) {
    requireManual();
    now.updateAndGet(instant -> instant.plus(duration));
  }

  @Override
  public Instant instant() {
    return live ? Instant.now() : now.get();
  }

  private void requireManual() {
    if (live) {
      throw new IllegalStateException("this clock follows the system clock");
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
