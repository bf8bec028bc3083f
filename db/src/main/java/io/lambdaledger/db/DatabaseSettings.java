package io.lambdaledger.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the database is and how to log in.
 *
 * @param url a JDBC URL: {@code jdbc:h2:…} (embedded) or {@code jdbc:postgresql:…}
 * @param user nullable: may also be part of the URL
 * @param password nullable: may also be part of the URL; never printed
 */
public record DatabaseSettings(String url, String user, String password) {

  /**
   * H2 options of the embedded file database: locks wait up to 10 s. No {@code AUTO_SERVER}: it
   * would open a TCP listener for other processes; a URL that asks for it ({@code
   * ;AUTO_SERVER=TRUE}) gets one on the loopback interface only (see {@link Database}).
   */
  public static final String H2_FILE_OPTIONS = ";LOCK_TIMEOUT=10000";

  /** The default: an H2 file database {@code ./data/lambda-ledger}, created on first use. */
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/lambda-ledger" + H2_FILE_OPTIONS;

  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw new IllegalArgumentException("database url must not be blank");
    }
  }

  /** The default embedded H2 file database, without credentials. */
  public static DatabaseSettings defaults() {
    return new DatabaseSettings(DEFAULT_URL, null, null);
  }

  /** An embedded H2 file database at {@code path} (H2 adds {@code .mv.db}). */
  public static DatabaseSettings h2File(Path path) {
    return new DatabaseSettings(
        "jdbc:h2:file:" + path.toAbsolutePath() + H2_FILE_OPTIONS, null, null);
  }

  /** The URL with any password (URL parameter, user-info or the password setting) masked. */
  public String redactedUrl() {
    return redact(url);
  }

  /** {@code text} with every occurrence of the password, and URL password parts, masked. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
    redacted = USER_INFO.matcher(redacted).replaceAll("//$1:***@");
    if (password != null && !password.isEmpty()) {
      redacted = redacted.replace(password, "***");
    }
    return redacted;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user + "]";
  }
}
