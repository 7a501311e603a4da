package dev.genaipitch.core.content;

/**
 * One thing wrong with guide content, located so that a content author can find it.
 *
 * @param file the file's name (or the directory, for problems of the guide as a whole)
 * @param line 1-based line number, or 0 when the problem has no single line
 */
public record ContentProblem(String file, int line, String message) {

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
