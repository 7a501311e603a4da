package dev.genaipitch.core.content;

/**
 * One thing wrong with guide content, located so that a content author can find it.
 *
 * @param file the file's name relative to the guide directory (or the directory, for problems of
 *     the guide as a whole)
 * @param line 1-based line number, or 0 when the problem has no single line
 * @param column 1-based column (in characters), or 0 when the line is enough
 */
public record ContentProblem(String file, int line, int column, String message) {

  public ContentProblem(String file, int line, String message) {
    this(file, line, 0, message);
  }

  @Override
  public String toString() {
    if (line <= 0) {
      return file + ": " + message;
    }
    return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
  }
}
