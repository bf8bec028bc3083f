package io.lambdaledger.app;

import io.lambdaledger.api.auth.TokenManager;
import io.lambdaledger.api.auth.TokenManager.TokenException;
import io.lambdaledger.api.auth.TokenManager.TokenView;
import io.lambdaledger.db.ApiTokenStore;
import io.lambdaledger.db.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tokens create|list|revoke}: API tokens in the configured database. */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API tokens (stored as SHA-256 hashes only).",
    subcommands = {
      TokensCommand.Create.class,
      TokensCommand.ListTokens.class,
      TokensCommand.Revoke.class
    })
final class TokensCommand implements Runnable {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs {@code use} with a token manager on the configured database. */
  <T> T withTokens(Function<TokenManager, T> use) {
    try (Database database = Databases.open(main.config().database())) {
      TokenManager tokens =
          new TokenManager(
              LedgerRuntime.configuredTokens(main.config()),
              new StoredTokens(new ApiTokenStore(database.dsl())),
              Clock.systemUTC());
      return use.apply(tokens);
    } catch (TokenException e) {
      // A bad name, role, account or duration, an unknown or taken name: the caller's input.
      throw new UsageException(e.getMessage());
    }
  }

  /** A subcommand: runs with the token manager, prints to the command line's output. */
  abstract static class TokensSubcommand implements Callable<Integer> {
    @ParentCommand TokensCommand tokens;
    @Spec CommandSpec spec;

    @Override
    public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      print(out);
      out.flush();
      return 0;
    }

    abstract void print(PrintWriter out);
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a token and print its secret, once.")
  static final class Create extends TokensSubcommand {

    @Option(names = "--name", required = true, description = "Unique name, e.g. grafana.")
    String name;

    @Option(names = "--role", required = true, description = "viewer or admin.")
    String role;

    @Option(
        names = "--accounts",
        split = ",",
        paramLabel = "ID",
        description = "Accounts it may see (12-digit IDs, comma-separated). Default: all.")
    List<String> accounts = List.of();

    @Option(
        names = "--expires",
        paramLabel = "DURATION",
        description = "Lifetime as an ISO-8601 duration, e.g. P30D or PT12H. Default: never.")
    String expires;

    @Override
    void print(PrintWriter out) {
      TokenManager.Created created =
          tokens.withTokens(manager -> manager.create(name, role, accounts, expires));
      TokenView token = created.token();
      out.printf(
          "Created token %s (%s, %s, expires %s).%n",
          token.name(), token.role(), scope(token), when(token.expires(), "never"));
      out.println("It is shown only this once; only its SHA-256 is stored:");
      out.println();
      out.println("    " + created.secret());
      out.println();
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List tokens: name, role, scope, created, expires, last used (never secrets).")
  static final class ListTokens extends TokensSubcommand {

    @Override
    void print(PrintWriter out) {
      List<TokenView> views = tokens.withTokens(TokenManager::list);
      String format = "%-24s %-6s %-8s %-14s %-30s %-20s %-20s %-20s%n";
      out.printf(
          format, "NAME", "ROLE", "STATUS", "SOURCE", "SCOPE", "CREATED", "EXPIRES", "LAST USED");
      for (TokenView token : views) {
        out.printf(
            format,
            token.name(),
            token.role(),
            token.status(),
            token.source(),
            scope(token),
            when(token.created(), "-"),
            when(token.expires(), "never"),
            when(token.lastUsed(), "never"));
      }
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token: it gets 401 from now on (it stays listed).")
  static final class Revoke extends TokensSubcommand {

    @Parameters(paramLabel = "NAME", description = "The token's name.")
    String name;

    @Override
    void print(PrintWriter out) {
      TokenView token = tokens.withTokens(manager -> manager.revoke(name));
      out.printf("Revoked token %s at %s.%n", token.name(), when(token.revoked(), "-"));
    }
  }

  static String scope(TokenView token) {
    return token.accounts() == null ? "all accounts" : String.join(",", token.accounts());
  }

  static String when(Instant instant, String none) {
    return instant == null
        ? none
        : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
