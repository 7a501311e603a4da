package dev.genaipitch.app.cli;

import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.Grade;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.Progress;
import dev.genaipitch.core.practice.ScriptAnswer;
import java.util.List;
import java.util.Locale;

/** Practice rounds as terminal text: the customer's question, the coaching, the script's answer. */
final class PracticeRenderer {

  private static final String BOLD = "\u001b[1m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  private final boolean ansi;
  private final int width;

  PracticeRenderer(boolean ansi, int width) {
    this.ansi = ansi;
    this.width = Math.max(40, width);
  }

  static PracticeRenderer forConsole() {
    boolean tty = System.console() != null && System.getenv("NO_COLOR") == null;
    return new PracticeRenderer(tty, 80);
  }

  String question(PracticeQuestion q) {
    StringBuilder out = new StringBuilder();
    String attempt = q.attempt() > 1 ? " (try " + q.attempt() + ")" : "";
    out.append(style(BOLD, "Practice: " + q.title() + attempt))
        .append(style(DIM, " (" + q.section() + ")"))
        .append('\n');
    for (String line : TerminalRenderer.wrap("Customer: \u201c" + q.prompt() + "\u201d", width)) {
      out.append(line).append('\n');
    }
    out.append(style(DIM, "Answer in your own words, on one line.")).append('\n');
    return out.toString();
  }

  String coaching(Coaching c, String nextTitle) {
    StringBuilder out = new StringBuilder();
    Grade g = c.grade();
    String colour =
        switch (g.level()) {
          case STRONG -> GREEN;
          case PARTIAL -> YELLOW;
          case OFF -> RED;
        };
    out.append(style(BOLD + colour, "Grade: " + g.level().id().toUpperCase(Locale.ROOT)))
        .append(String.format(Locale.ROOT, " (score %.2f)%n", g.score()));
    if (!c.carried().isEmpty()) {
      out.append(style(BOLD, "Carried:")).append('\n');
      for (Coaching.ScriptLine l : c.carried()) {
        out.append("  ").append(style(GREEN, "\u2713 ")).append(l.point()).append('\n');
      }
    }
    if (!c.missed().isEmpty()) {
      out.append(style(BOLD, "Missed, in the script's words:")).append('\n');
      for (Coaching.ScriptLine l : c.missed()) {
        out.append("  ")
            .append(style(RED, "\u2717 "))
            .append(l.point())
            .append(l.mistake() == null ? "" : style(DIM, " (" + mistake(l.mistake()) + ")"))
            .append('\n');
        for (String line : TerminalRenderer.wrap(l.script(), width - 6)) {
          out.append(style(CYAN, "    \u2503 " + line)).append('\n');
        }
      }
    }
    out.append('\n').append(choices(c.choices(), nextTitle));
    return out.toString();
  }

  String choices(List<Coaching.Choice> choices, String nextTitle) {
    StringBuilder out = new StringBuilder();
    int n = 1;
    for (Coaching.Choice choice : choices) {
      String label =
          switch (choice) {
            case TRY_AGAIN -> "Try again";
            case NEXT_QUESTION -> "Next question" + (nextTitle == null ? "" : ": " + nextTitle);
            case SHOW_ANSWER -> "Show the script's answer";
          };
      out.append(String.format(Locale.ROOT, "  [%d] %s%n", n++, label));
    }
    return out.toString();
  }

  String scriptAnswer(ScriptAnswer a) {
    StringBuilder out = new StringBuilder();
    out.append(style(BOLD, "The script's answer (" + a.question().title() + "):")).append('\n');
    for (Coaching.ScriptLine l : a.lines()) {
      List<String> lines = TerminalRenderer.wrap(l.script(), width - 4);
      for (int i = 0; i < lines.size(); i++) {
        out.append(style(CYAN, "  \u2503 " + lines.get(i))).append('\n');
      }
    }
    return out.toString();
  }

  String progress(Progress p) {
    StringBuilder out = new StringBuilder(style(BOLD, "Your practice so far:")).append('\n');
    for (Progress.Section s : p.sections()) {
      String last = s.lastGrade() == null ? "not practised yet" : "last " + s.lastGrade();
      out.append(
          String.format(
              Locale.ROOT,
              "  %s: %s, %d answer%s%n",
              s.title(),
              last,
              s.rounds(),
              s.rounds() == 1 ? "" : "s"));
    }
    return out.toString();
  }

  private static String mistake(Grade.Mistake.Kind kind) {
    return switch (kind) {
      case SWAPPED -> "said of the other service";
      case NEGATED -> "negated";
      case CONTRADICTED -> "contradicts the script";
    };
  }

  private String style(String code, String text) {
    return ansi ? code + text + RESET : text;
  }
}
