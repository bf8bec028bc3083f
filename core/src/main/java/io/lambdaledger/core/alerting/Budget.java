package io.lambdaledger.core.alerting;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A monthly budget in US dollars over the functions it covers: those of one account ({@code
 * accountId}), one function ({@code accountId} and {@code function} as {@code region/name}), the
 * functions carrying a tag ({@code tag} as {@code key=value}, optionally within {@code accountId}),
 * or, with none of these, every function.
 *
 * @param source {@code config} (the configuration file) or {@code api} (set by an admin)
 */
public record Budget(
    String name,
    String accountId,
    String function,
    String tag,
    BigDecimal amount,
    String currency,
    String source) {

  public static final String USD = "USD";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  /**
   * The amount is kept without trailing zeros.
   *
   * @throws IllegalArgumentException on a bad name, account, function, tag, amount or currency
   */
  public Budget {
    Objects.requireNonNull(source, "source");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "budget name must be 1 to 64 letters, digits, '.', '_' or '-': " + name);
    }
    accountId = blankToNull(accountId);
    function = blankToNull(function);
    tag = blankToNull(tag);
    currency = currency == null || currency.isBlank() ? USD : currency;
    if (accountId != null && !ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("budget account must be 12 digits: " + accountId);
    }
    if (function != null) {
      if (accountId == null) {
        throw new IllegalArgumentException("a function budget needs its account");
      }
      int slash = function.indexOf('/');
      if (slash <= 0 || slash == function.length() - 1 || function.indexOf('/', slash + 1) >= 0) {
        throw new IllegalArgumentException("budget function must be region/name: " + function);
      }
      if (tag != null) {
        throw new IllegalArgumentException("a budget is on a function or a tag, not both");
      }
    }
    if (tag != null && tag.indexOf('=') <= 0) {
      throw new IllegalArgumentException("budget tag must be key=value: " + tag);
    }
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException("budget amount must be more than 0: " + amount);
    }
    amount = amount.stripTrailingZeros();
    if (amount.scale() < 0) {
      amount = amount.setScale(0);
    }
    if (!USD.equals(currency)) {
      throw new IllegalArgumentException("budgets are in USD only, not " + currency);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Whether this budget counts the cost of {@code function}, carrying {@code tags}. */
  public boolean covers(FunctionKey key, Map<String, String> tags) {
    if (accountId != null && !accountId.equals(key.accountId())) {
      return false;
    }
    if (function != null && !function.equals(key.region() + "/" + key.name())) {
      return false;
    }
    if (tag != null) {
      int eq = tag.indexOf('=');
      return tag.substring(eq + 1).equals(tags.get(tag.substring(0, eq)));
    }
    return true;
  }

  /** A caller sees a budget on one of its accounts; budgets spanning accounts need every one. */
  public boolean visibleTo(AccountScope scope) {
    return scope.unrestricted() || (accountId != null && scope.includes(accountId));
  }

  /** What it covers, in words. */
  public String describe() {
    StringBuilder what = new StringBuilder();
    if (function != null) {
      what.append("function ").append(accountId).append('/').append(function);
    } else if (tag != null) {
      what.append("tag ").append(tag);
      if (accountId != null) {
        what.append(" in account ").append(accountId);
      }
    } else if (accountId != null) {
      what.append("account ").append(accountId);
    } else {
      what.append("every account");
    }
    return what.toString();
  }
}
