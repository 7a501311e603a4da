package dev.genaipitch.core;

/**
 * Hears what the bot does, for logs, metrics and the report of unanswered questions. Methods are
 * called on the asking thread and must be quick and never throw.
 */
public interface BotListener {

  /** A question was answered. */
  default void answered(Asked asked) {}

  /** A user said whether an answer helped; {@code intent} is one the guide has. */
  default void feedback(String platform, String intent, boolean helpful) {}

  /** Listens to nothing. */
  BotListener NONE = new BotListener() {};

  /**
   * One answered question.
   *
   * @param platform where it was asked: {@code slack}, {@code teams}, {@code cli}, {@code web}
   * @param question the user's words
   * @param answer what the bot answered
   * @param nanos time taken to match and build the answer
   */
  record Asked(String platform, String question, Answer answer, long nanos) {}
}
