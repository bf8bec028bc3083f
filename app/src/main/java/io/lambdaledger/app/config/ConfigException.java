package io.lambdaledger.app.config;

/** A configuration that cannot be used; its message is one line naming the key at fault. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
