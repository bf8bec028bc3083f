package io.lambdaledger.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line of Lambda Ledger. */
@Command(
    name = "lambda-ledger",
    mixinStandardHelpOptions = true,
    subcommands = {EstimateCommand.class, PricesCommand.class},
    description = "What AWS Lambda functions cost and why.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
