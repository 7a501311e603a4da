package dev.genaipitch.teams;

import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.Rehearsal;
import dev.genaipitch.core.practice.ScriptAnswer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Practice rounds in Teams, translated to and from {@link Rehearsal}: "practice" in a 1:1 chat asks
 * the customer's question, the rep's next message in that chat is graded, and the grade card's
 * buttons ask again, move on or show the script's answer. Rounds are keyed by the Teams user id;
 * the chat is the round's place, so a message elsewhere is never taken for an answer.
 */
final class TeamsPractice {

  private static final Pattern COMMAND =
      Pattern.compile("^practi[cs]e(?:\\s+(\\S.*))?$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final String NOT_HERE = "Practice rounds are not available on this server.";
  private static final String NO_ROUND =
      "You have no practice round open: send me “practice” to start one.";

  private final Rehearsal rehearsal;

  /**
   * @param rehearsal the rounds; null when this server has no practice
   */
  TeamsPractice(Rehearsal rehearsal) {
    this.rehearsal = rehearsal;
  }

  /**
   * What a message means for practice: a round started, an answer graded, or nothing (empty: the
   * message is a question as usual).
   *
   * @param text the message without the bot's mention
   */
  Optional<OutgoingMessage> message(IncomingActivity activity, String text) {
    Matcher command = COMMAND.matcher(text);
    if (command.matches()) {
      if (activity.conversation().shared()) {
        return Optional.of(
            OutgoingMessage.text(
                activity, "Practice rounds happen in a 1:1 chat: send me “practice” there."));
      }
      return Optional.of(start(activity, command.group(1)));
    }
    if (rehearsal == null || activity.conversation().shared()) {
      return Optional.empty();
    }
    return rehearsal
        .answerAt(rep(activity), place(activity), text)
        .map(c -> OutgoingMessage.card(activity, PracticeCards.coaching(c, title(activity, c))));
  }

  /** A click on a grade card's button. */
  OutgoingMessage click(IncomingActivity activity, CardAction.Practice choice) {
    if (rehearsal == null) {
      return OutgoingMessage.text(activity, NOT_HERE);
    }
    String rep = rep(activity);
    if (choice.choice().equals(CardAction.Practice.SHOW_ANSWER)) {
      Optional<ScriptAnswer> answer = rehearsal.showAnswer(rep);
      return answer
          .map(a -> OutgoingMessage.card(activity, PracticeCards.scriptAnswer(a)))
          .orElseGet(() -> OutgoingMessage.text(activity, NO_ROUND));
    }
    Optional<PracticeQuestion> question =
        choice.choice().equals(CardAction.Practice.AGAIN)
            ? rehearsal.tryAgain(rep)
            : rehearsal.next(rep);
    if (question.isEmpty()) {
      return OutgoingMessage.text(activity, NO_ROUND);
    }
    // Asked again where the button was clicked: the answer is the next message in this chat.
    rehearsal.askedAt(rep, place(activity));
    return OutgoingMessage.card(activity, PracticeCards.question(question.get()));
  }

  private OutgoingMessage start(IncomingActivity activity, String section) {
    if (rehearsal == null) {
      return OutgoingMessage.text(activity, NOT_HERE);
    }
    String chosen = section == null ? null : section.strip();
    Optional<PracticeQuestion> question = rehearsal.start(rep(activity), chosen, place(activity));
    if (question.isPresent()) {
      return OutgoingMessage.card(activity, PracticeCards.question(question.get()));
    }
    if (chosen == null) {
      return OutgoingMessage.text(activity, "There is nothing to practise in this guide yet.");
    }
    return OutgoingMessage.card(
        activity, PracticeCards.unknownSection(chosen, rehearsal.grader().sections()));
  }

  private String title(IncomingActivity activity, Coaching c) {
    return rehearsal.progress(rep(activity)).sections().stream()
        .filter(s -> s.section().equals(c.nextSection()))
        .map(s -> s.title())
        .findFirst()
        .orElse(null);
  }

  private static String rep(IncomingActivity activity) {
    return activity.from().id();
  }

  private static String place(IncomingActivity activity) {
    return "teams:" + activity.conversation().id();
  }
}
