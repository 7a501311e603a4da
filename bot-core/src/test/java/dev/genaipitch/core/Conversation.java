package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A conversation with the bot on the built-in guide, for tests that read like a chat: {@code
 * you.ask("do we need both?").isAnsweredWith("need-both")}. Every conversation records what the bot
 * told its listener.
 */
final class Conversation implements BotListener {

  final List<Asked> heard = new CopyOnWriteArrayList<>();
  final List<String> feedback = new CopyOnWriteArrayList<>();
  final PitchBot bot;

  Conversation() {
    try {
      this.bot = PitchBot.create(GuideLoader.builtIn(), this);
    } catch (ContentException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void answered(Asked asked) {
    heard.add(asked);
  }

  @Override
  public void feedback(String platform, String intent, boolean helpful) {
    feedback.add(platform + ":" + intent + ":" + (helpful ? "up" : "down"));
  }

  Reply ask(String question) {
    return new Reply(bot.ask(question, "test"));
  }

  /** A thread, DM or session of this bot: each message is read after what it showed there. */
  Chat in(String key) {
    return new Chat(bot, key);
  }

  /**
   * A conversation of its own ({@code key}) in which {@code first} was asked and answered with
   * {@code shown}: where a follow-up is read next.
   */
  Chat after(String key, String first, String shown) {
    Chat chat = in(key);
    chat.ask(first).isAnsweredWith(shown);
    return chat;
  }

  /** Messages in one conversation, by its key. */
  record Chat(PitchBot bot, String key) {
    Reply ask(String question) {
      return new Reply(bot.ask(question, "test", key));
    }

    Reply click(String ref) {
      return new Reply(bot.open(ref, key));
    }
  }

  /** What the bot said, with assertions that name the expectation. */
  record Reply(Answer answer) {
    Reply isAnsweredWith(String intent) {
      assertThat(answer.intent())
          .as("intent for \"%s\" (score %.2f)", answer.question(), answer.score())
          .isEqualTo(intent);
      return this;
    }

    Reply isOutOfScope() {
      return isAnsweredWith("none");
    }

    Reply isTheMenu() {
      isAnsweredWith("help");
      assertThat(answer.menu()).hasSize(10);
      return this;
    }

    /**
     * The section's short form alone, {@code words} among it, with the whole section and then
     * {@code next} (the 60-second summary) one click away.
     */
    Reply isBrief(String words, String next) {
      assertThat(answer.brief()).as("a brief answer to \"%s\"", answer.question()).isTrue();
      assertThat(answer.plainText()).contains(words);
      assertThat(answer.parts()).isEmpty();
      assertThat(answer.followUps()).extracting(Topic::id).containsExactly(answer.intent(), next);
      assertThat(answer.ref()).isEqualTo(answer.intent() + "!brief");
      return this;
    }

    /** The whole section, not its short form. */
    Reply isWhole() {
      assertThat(answer.brief()).as("a whole answer to \"%s\"", answer.question()).isFalse();
      return this;
    }

    Reply says(String words) {
      assertThat(answer.plainText()).contains(words);
      return this;
    }
  }
}
