package dev.genaipitch.core.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata block at the top of a content file: a small, documented subset of YAML that content
 * authors can edit safely. It allows {@code key: value} lines, {@code key:} followed by {@code -
 * item} lines, quoted values and {@code #} comment lines. Every value keeps its line number so that
 * problems can be reported where the author will look.
 */
final class FrontMatter {

  /** A value and the 1-based line it was read from. */
  record Value(String text, int line) {}

  /** A key with its line, its values, and whether it was written as a list. */
  record Entry(String key, int line, List<Value> values, boolean list) {}

  static final String FENCE = "---";

  private final Map<String, Entry> entries;
  private final int bodyStartIndex;

  private FrontMatter(Map<String, Entry> entries, int bodyStartIndex) {
    this.entries = entries;
    this.bodyStartIndex = bodyStartIndex;
  }

  Map<String, Entry> entries() {
    return entries;
  }

  /** 0-based index of the first line after the closing fence. */
  int bodyStartIndex() {
    return bodyStartIndex;
  }

  /**
   * Reads the front matter at the top of {@code lines}; returns null (after recording why) when
   * there is none or it is not closed.
   */
  static FrontMatter parse(String file, List<String> lines, List<ContentProblem> problems) {
    if (lines.isEmpty() || !lines.get(0).strip().equals(FENCE)) {
      problems.add(
          new ContentProblem(
              file,
              1,
              "missing front matter: the file must start with a '---' line, then id, title, ..."));
      return null;
    }
    int fence = closingFence(lines);
    if (fence < 0) {
      // Reported alone: parsing the script's text as metadata would only bury this under errors
      // that it causes.
      int text = firstTextLine(lines);
      problems.add(
          new ContentProblem(
              file,
              1,
              "front matter is not closed: add a '---' line after the metadata"
                  + (text > 0 ? ", before line " + text : "")));
      return null;
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    Entry current = null;
    for (int i = 1; i < fence; i++) {
      String raw = lines.get(i);
      int lineNo = i + 1;
      String stripped = raw.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      if (stripped.startsWith("- ") || stripped.equals("-")) {
        if (current == null || (!current.list() && !current.values().isEmpty())) {
          problems.add(
              new ContentProblem(file, lineNo, "list item '" + stripped + "' has no key above it"));
          continue;
        }
        if (!current.list()) {
          current = new Entry(current.key(), current.line(), current.values(), true);
          entries.put(current.key(), current);
        }
        String item = unquote(stripped.substring(1).strip(), file, lineNo, problems);
        if (item.isEmpty()) {
          problems.add(
              new ContentProblem(file, lineNo, "empty list item under '" + current.key() + "'"));
        } else {
          current.values().add(new Value(item, lineNo));
        }
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0))) {
        problems.add(
            new ContentProblem(
                file,
                lineNo,
                "unexpected indented line; list items start with '- ' and keys start at the"
                    + " margin"));
        continue;
      }
      int colon = raw.indexOf(':');
      if (colon <= 0) {
        problems.add(
            new ContentProblem(file, lineNo, "expected 'key: value' but found '" + stripped + "'"));
        continue;
      }
      String key = raw.substring(0, colon).strip();
      String rest = raw.substring(colon + 1).strip();
      if (entries.containsKey(key)) {
        problems.add(
            new ContentProblem(
                file,
                lineNo,
                "'" + key + "' appears twice (first on line " + entries.get(key).line() + ")"));
      }
      List<Value> values = new ArrayList<>();
      if (!rest.isEmpty()) {
        if (rest.startsWith("[")) {
          problems.add(
              new ContentProblem(
                  file, lineNo, "write '" + key + "' as a list of '- item' lines, not [a, b]"));
        } else {
          values.add(new Value(unquote(rest, file, lineNo, problems), lineNo));
        }
      }
      current = new Entry(key, lineNo, values, false);
      entries.put(key, current);
    }
    return new FrontMatter(entries, fence + 1);
  }

  /** 0-based index of the closing {@code ---} line, or -1. */
  private static int closingFence(List<String> lines) {
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(FENCE)) {
        return i;
      }
    }
    return -1;
  }

  /** 1-based line of the first line that cannot be metadata (the script's text), or 0. */
  private static int firstTextLine(List<String> lines) {
    for (int i = 1; i < lines.size(); i++) {
      String raw = lines.get(i);
      String stripped = raw.strip();
      boolean metadata =
          stripped.isEmpty()
              || (stripped.startsWith("#") && !stripped.startsWith("# "))
              || stripped.startsWith("- ")
              || raw.matches("[A-Za-z][A-Za-z0-9_-]*:.*");
      if (!metadata) {
        return i + 1;
      }
    }
    return 0;
  }

  /**
   * The id a broken file declares, read line by line without validating anything else: so that
   * references to it from other files are not reported as unknown ids as well.
   */
  static String declaredId(List<String> lines) {
    for (int i = 1; i < lines.size(); i++) {
      String raw = lines.get(i);
      if (raw.strip().equals(FENCE)) {
        break;
      }
      if (raw.startsWith("id:")) {
        String id = raw.substring(3).strip();
        if (id.length() >= 2 && (id.charAt(0) == '"' || id.charAt(0) == '\'')) {
          id = id.substring(1, id.length() - 1);
        }
        return id.isEmpty() ? null : id;
      }
    }
    return null;
  }

  private static String unquote(String text, String file, int line, List<ContentProblem> problems) {
    if (text.length() >= 1 && (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
      char quote = text.charAt(0);
      if (text.length() < 2 || text.charAt(text.length() - 1) != quote) {
        problems.add(new ContentProblem(file, line, "unterminated quote in " + text));
        return text.substring(1);
      }
      String inner = text.substring(1, text.length() - 1);
      return quote == '"'
          ? inner.replace("\\\"", "\"").replace("\\\\", "\\")
          : inner.replace("''", "'");
    }
    return text;
  }
}
