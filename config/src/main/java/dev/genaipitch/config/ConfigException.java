package dev.genaipitch.config;

import java.util.List;

/**
 * Configuration that cannot be used. Lists every problem at once, one per line, each naming its
 * setting; secrets' values never appear in it.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        "invalid configuration ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
