package io.lambdaledger.app;

import io.lambdaledger.app.config.ConfigException;
import io.lambdaledger.app.config.ConfigLoader;
import io.lambdaledger.app.config.LedgerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The command line of Lambda Ledger. Each subcommand is a use case; commands that need the
 * configuration ask this parent for it, so the file and environment are read in one place.
 */
@Command(
    name = "lambda-ledger",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "What AWS Lambda functions cost and why, priced the way AWS bills them.",
    subcommands = {
      CommandLine.HelpCommand.class,
      MigrateCommand.class,
      EstimateCommand.class,
      PricesCommand.class,
      SimulateCommand.class,
      CollectCommand.class,
      ReportCommand.class,
      BillCommand.class,
      ReconcileCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      TokensCommand.class,
      RecommendCommand.class
    })
public final class Main implements Runnable {

  /** Exit code for bad input: a wrong flag, value, file or configuration key. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for a failure at run time: database unreachable, a shard that failed. */
  public static final int EXIT_FAILURE = 1;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      scope = CommandLine.ScopeType.INHERIT,
      description = "YAML configuration file (default: $LEDGER_CONFIG, else none).")
  Path configFile;

  private final Map<String, String> environment;
  private LedgerConfig config;

  public Main(Map<String, String> environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The command tree, with its error handling; tests run it in-process. */
  public static CommandLine commandLine(Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new Main(environment));
    commandLine.setExecutionExceptionHandler(Main::handleFailure);
    commandLine.setParameterExceptionHandler(Main::handleBadParameter);
    return commandLine;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /**
   * The configuration, loaded once from {@code --config} or {@code LEDGER_CONFIG} and the
   * environment.
   */
  public LedgerConfig config() {
    if (config == null) {
      Path file = configFile;
      if (file == null
          && environment.get("LEDGER_CONFIG") != null
          && !environment.get("LEDGER_CONFIG").isBlank()) {
        file = Path.of(environment.get("LEDGER_CONFIG"));
      }
      config = new ConfigLoader().load(file, environment);
    }
    return config;
  }

  public Map<String, String> environment() {
    return environment;
  }

  private static int handleFailure(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof ConfigException || e instanceof UsageException) {
      err.println("lambda-ledger: " + e.getMessage());
      err.flush();
      return EXIT_USAGE;
    }
    if (e instanceof UserFacingException) {
      err.println("lambda-ledger: " + e.getMessage());
      err.flush();
      return EXIT_FAILURE;
    }
    err.println("lambda-ledger: unexpected failure: " + e);
    e.printStackTrace(err);
    err.flush();
    return EXIT_FAILURE;
  }

  private static int handleBadParameter(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("lambda-ledger: " + e.getMessage());
    err.println(
        "Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return EXIT_USAGE;
  }

  /** The version the jar was built as, e.g. {@code 0.1.0}. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/lambda-ledger-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  /** Prints the version the jar was built as. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "lambda-ledger " + version(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
