package io.lambdaledger.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One run of a command line: its exit code and what it printed to standard output and error. */
record CommandRun(int exitCode, String out, String err) {

  /** Runs {@code lambda-ledger args} with this environment. */
  static CommandRun of(Map<String, String> environment, String... args) {
    return of(Main.commandLine(environment), args);
  }

  static CommandRun of(CommandLine line, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int exitCode = line.execute(args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }
}
