package dev.keepsake.config;

/** The configuration (file or flags) is wrong; the message names the key or flag and the fix. */
public class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
