package dev.genaipitch.config;

import java.util.List;

/** Configuration that cannot be used; lists every problem at once. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
