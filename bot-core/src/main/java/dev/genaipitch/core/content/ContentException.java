package dev.genaipitch.core.content;

import java.util.List;
import java.util.stream.Collectors;

/** Guide content that cannot be served; carries every problem found, each with file and line. */
public final class ContentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<ContentProblem> problems;

  public ContentException(List<ContentProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ContentProblem> problems() {
    return problems;
  }

  private static String describe(List<ContentProblem> problems) {
    return "guide content has "
        + problems.size()
        + (problems.size() == 1 ? " problem:\n  " : " problems:\n  ")
        + problems.stream().map(ContentProblem::toString).collect(Collectors.joining("\n  "));
  }
}
