package io.lambdaledger.db.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock tests move by hand, for every module whose tests use the database's test support (the
 * collector, the API, the application); or one that follows the system clock ({@link #system()}).
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final boolean live;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
    this.live = false;
  }

  private MutableClock() {
    this.now = new AtomicReference<>();
    this.live = true;
  }

  /** A clock that follows the system clock and cannot be moved. */
  public static MutableClock system() {
    return new MutableClock();
  }

  public void set(Instant instant) {
    requireManual();
    now.set(instant);
  }

  public void advance(Duration duration) {
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
