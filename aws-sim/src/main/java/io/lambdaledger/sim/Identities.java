package io.lambdaledger.sim;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the access key of a request (read from its SigV4 credential scope) to an identity.
 * Credentials issued by AssumeRole carry the role's account in the key itself ({@code ASIA} +
 * 12-digit account + 4 characters), so they keep working across simulator restarts; any other key
 * is the home (first) account's user, and a key that is a bare 12-digit account id of the estate is
 * that account.
 */
final class Identities {

  private static final Pattern ASSUMED_KEY = Pattern.compile("ASIA(\\d{12})[A-Z0-9]{4}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final List<String> accounts;
  private final Map<String, Identity> issued = new ConcurrentHashMap<>();

  Identities(List<String> accounts) {
    this.accounts = List.copyOf(accounts);
  }

  String homeAccount() {
    return accounts.get(0);
  }

  boolean knows(String account) {
    return accounts.contains(account);
  }

  void remember(String accessKeyId, Identity identity) {
    issued.put(accessKeyId, identity);
  }

  Identity resolve(String accessKeyId) {
    if (accessKeyId != null) {
      Identity known = issued.get(accessKeyId);
      if (known != null) {
        return known;
      }
      Matcher assumed = ASSUMED_KEY.matcher(accessKeyId);
      if (assumed.matches() && knows(assumed.group(1))) {
        String account = assumed.group(1);
        return new Identity(
            account,
            "arn:aws:sts::" + account + ":assumed-role/simulator/session",
            "AROASIMULATOR:session");
      }
      if (ACCOUNT_ID.matcher(accessKeyId).matches() && knows(accessKeyId)) {
        return user(accessKeyId);
      }
    }
    return user(homeAccount());
  }

  private static Identity user(String account) {
    return new Identity(
        account, "arn:aws:iam::" + account + ":user/lambda-ledger-sim", "AIDASIMULATOR" + account);
  }
}
