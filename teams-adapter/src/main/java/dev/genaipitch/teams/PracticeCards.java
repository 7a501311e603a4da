package dev.genaipitch.teams;

import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.Grade;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.ScriptAnswer;
import dev.genaipitch.teams.AdaptiveCard.ActionSet;
import dev.genaipitch.teams.AdaptiveCard.Container;
import dev.genaipitch.teams.AdaptiveCard.Element;
import dev.genaipitch.teams.AdaptiveCard.Submit;
import dev.genaipitch.teams.AdaptiveCard.TextBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Practice rounds as Adaptive Cards: the customer's question, the grade with the script's lines and
 * the three choices (Action.Submit, read back as {@link CardAction.Practice}), the script's answer.
 */
final class PracticeCards {

  private static final int MAX_ECHO = 300;

  private PracticeCards() {}

  static AdaptiveCard question(PracticeQuestion q) {
    String attempt = q.attempt() > 1 ? " (try " + q.attempt() + ")" : "";
    List<Element> body = new ArrayList<>();
    body.add(
        TextBlock.of(Markdown.escape("Practice: " + q.title() + attempt)).size("Large").bolder());
    body.add(
        new Container(
            List.of(TextBlock.of("**Customer:** “" + Markdown.escape(q.prompt()) + "”")),
            "emphasis",
            null,
            "Small"));
    body.add(TextBlock.of("Reply with your answer, in your own words.").subtle());
    return AdaptiveCard.of(body, "Customer: “" + q.prompt() + "”");
  }

  static AdaptiveCard coaching(Coaching c, String nextTitle) {
    Grade g = c.grade();
    int points = c.carried().size() + c.missed().size();
    List<Element> body = new ArrayList<>();
    String verdict =
        switch (g.level()) {
          case STRONG -> "Strong: every key point, carried correctly.";
          case PARTIAL ->
              "Partial: " + c.carried().size() + " of " + points + " key points carried.";
          case OFF ->
              c.missed().stream().anyMatch(l -> l.mistake() != null)
                  ? "Off: the answer gets the script wrong."
                  : "Off: none of the key points came through.";
        };
    String colour =
        switch (g.level()) {
          case STRONG -> "Good";
          case PARTIAL -> "Warning";
          case OFF -> "Attention";
        };
    body.add(TextBlock.of(verdict).size("Large").bolder().color(colour));
    if (!c.carried().isEmpty()) {
      body.add(TextBlock.of("**Carried**").spacing("Medium"));
      for (Coaching.ScriptLine l : c.carried()) {
        body.add(TextBlock.of("✓ " + Markdown.escape(l.script())).spacing("Small"));
      }
    }
    if (!c.missed().isEmpty()) {
      body.add(TextBlock.of("**Missed, in the script's words**").spacing("Medium"));
      for (Coaching.ScriptLine l : c.missed()) {
        body.add(
            TextBlock.of("✗ " + Markdown.escape(l.script()) + mistake(l.mistake()))
                .spacing("Small"));
      }
    }
    List<Submit> actions = new ArrayList<>();
    for (Coaching.Choice choice : c.choices()) {
      actions.add(
          switch (choice) {
            case TRY_AGAIN ->
                new Submit("Try again", new CardAction.Practice(CardAction.Practice.AGAIN));
            case NEXT_QUESTION ->
                new Submit(
                    "Next question" + (nextTitle == null ? "" : ": " + nextTitle),
                    new CardAction.Practice(CardAction.Practice.NEXT));
            case SHOW_ANSWER ->
                new Submit(
                    "Show the script's answer",
                    new CardAction.Practice(CardAction.Practice.SHOW_ANSWER));
          });
    }
    body.add(new ActionSet(actions, "Medium"));
    return AdaptiveCard.of(
        body, "Grade: " + g.level().id() + " (" + c.carried().size() + " of " + points + ")");
  }

  static AdaptiveCard scriptAnswer(ScriptAnswer a) {
    List<Element> body = new ArrayList<>();
    body.add(
        TextBlock.of("The script's answer (" + Markdown.escape(a.question().title()) + ")")
            .bolder());
    List<Element> lines = new ArrayList<>();
    for (Coaching.ScriptLine l : a.lines()) {
      lines.add(TextBlock.of(Markdown.escape(l.script())));
    }
    body.add(new Container(lines, "accent", null, "Small"));
    return AdaptiveCard.of(body, "The script's answer: " + a.question().title());
  }

  /** The rep's words quoted as typed (escaped, so that nothing in them is formatting). */
  static AdaptiveCard unknownSection(String typed, List<String> sections) {
    String echo = typed.length() > MAX_ECHO ? typed.substring(0, MAX_ECHO - 1) + "…" : typed;
    return AdaptiveCard.of(
        List.of(
            TextBlock.of(
                "I can't practise “"
                    + Markdown.escape(echo)
                    + "”. Send “practice” for your weakest section, or one of: "
                    + Markdown.escape(String.join(", ", sections)))),
        "I can't practise that section.");
  }

  private static String mistake(Grade.Mistake.Kind kind) {
    if (kind == null) {
      return "";
    }
    return switch (kind) {
      case SWAPPED -> " _(you said it of the other service)_";
      case NEGATED -> " _(you negated it)_";
      case CONTRADICTED -> " _(you said something the script contradicts)_";
    };
  }
}
