package io.lambdaledger.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A {@code lambda-ledger} command: it reads the configuration and the environment from {@link
 * #main} and writes to its command line's output and error streams.
 */
abstract class LedgerSubcommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;
}
