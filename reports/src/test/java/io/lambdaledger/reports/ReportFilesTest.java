package io.lambdaledger.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

  @TempDir Path directory;

  private static ReportFiles.Content text(String value) {
    return out -> out.write(value.getBytes(StandardCharsets.UTF_8));
  }

  private long filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  @Test
  void aNewReportIsCreatedWithItsContent() throws IOException {
    Path target = directory.resolve("nested/lambda-costs-2026-10.csv");

    ReportFile.Outcome outcome = ReportFiles.writeIfChanged(target, text("a,b\r\n"));

    assertThat(outcome).isEqualTo(ReportFile.Outcome.CREATED);
    assertThat(target).hasContent("a,b");
    assertThat(filesIn(target.getParent())).isEqualTo(1);
  }

  @Test
  void theSameContentLeavesTheFileUntouched() throws IOException {
    Path target = directory.resolve("r.csv");
    ReportFiles.writeIfChanged(target, text("same"));
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(target, old);

    ReportFile.Outcome outcome = ReportFiles.writeIfChanged(target, text("same"));

    assertThat(outcome).isEqualTo(ReportFile.Outcome.UNCHANGED);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(old);
    assertThat(filesIn(directory)).isEqualTo(1);
  }

  @Test
  void changedContentReplacesTheFile() throws IOException {
    Path target = directory.resolve("r.csv");
    ReportFiles.writeIfChanged(target, text("old"));

    ReportFile.Outcome outcome = ReportFiles.writeIfChanged(target, text("new"));

    assertThat(outcome).isEqualTo(ReportFile.Outcome.REPLACED);
    assertThat(target).hasContent("new");
    assertThat(filesIn(directory)).isEqualTo(1);
  }

  @Test
  void aFailureHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path target = directory.resolve("r.csv");
    ReportFiles.writeIfChanged(target, text("complete"));

    assertThatThrownBy(
            () ->
                ReportFiles.writeIfChanged(
                    target,
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("database went away");
                    }))
        .hasMessage("database went away");

    assertThat(target).hasContent("complete");
    assertThat(filesIn(directory)).isEqualTo(1);
  }
}
