package io.lambdaledger.reports;

import java.io.IOException;

/** Turns report rows into one CSV file as they come: nothing is buffered beyond the writer's. */
interface RowWriter {

  void write(ReportRow row) throws IOException;

  /** Flushes what is buffered; the underlying stream stays open (its owner closes it). */
  void finish() throws IOException;
}
