package dev.genaipitch.core.content;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small, valid guide content to break in tests. */
final class ContentFixtures {

  private ContentFixtures() {}

  static Map<String, String> validGuide() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.md", section("alpha", "beta"));
    files.put("b.md", section("beta", "alpha"));
    files.put("help.md", special("help"));
    files.put("none.md", special("none"));
    return files;
  }

  /** A section file whose one follow-up (line 6) is {@code followUp}. */
  static String section(String id, String followUp) {
    return "---\n"
        + "id: "
        + id
        + "\n"
        + "title: Title of "
        + id
        + "\n"
        + "summary: One line about "
        + id
        + "\n"
        + "follow-ups:\n"
        + "  - "
        + followUp
        + "\n"
        + "keywords:\n"
        + "  - "
        + id
        + "\n"
        + "synonyms:\n"
        + "  - "
        + id
        + " = "
        + id.charAt(0)
        + "1\n"
        + "examples:\n"
        + "  - tell me about "
        + id
        + "\n"
        + "  - what is "
        + id
        + "\n"
        + "---\n"
        + "# Heading of "
        + id
        + "\n"
        + "\n"
        + "First paragraph.\n"
        + "\n"
        + "> A line to say out loud.\n";
  }

  static String special(String id) {
    return "---\nid: "
        + id
        + "\ntitle: "
        + id
        + "\nsummary: about "
        + id
        + "\nexamples:\n  - "
        + id
        + " please\n---\n# "
        + id
        + "\n\nText.\n";
  }

  static int lineOf(String text, String needle) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(needle);
  }
}
