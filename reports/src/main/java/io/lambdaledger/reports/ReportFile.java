package io.lambdaledger.reports;

import java.nio.file.Path;

/**
 * A report written to a file.
 *
 * @param summary what the report holds (also when the file was left unchanged)
 */
public record ReportFile(Path path, Outcome outcome, ReportSummary summary) {

  /** What happened to the file. */
  public enum Outcome {
    /** There was no file: it was written. */
    CREATED,
    /** The file held something else: it was replaced, atomically. */
    REPLACED,
    /** The file already held exactly this report: it was not touched. */
    UNCHANGED
  }
}
