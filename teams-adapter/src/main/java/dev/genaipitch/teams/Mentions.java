package dev.genaipitch.teams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads mentions the way Teams marks them: {@code <at>name</at>} in the text plus a mention entity.
 */
final class Mentions {

  private static final Pattern AT_TAG =
      Pattern.compile("<at>(.*?)</at>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Formatting Teams sends as HTML when the user styled the message. */
  private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>");

  private Mentions() {}

  /**
   * Whether a mention entity names the bot (the activity's recipient); text alone does not count.
   */
  static boolean mentionsBot(IncomingActivity activity) {
    return activity.mentions().stream()
        .anyMatch(m -> m.mentionedId().equals(activity.recipient().id()));
  }

  /**
   * The question without the bot: every text of a mention entity naming the bot is removed wherever
   * it stands, other people's mentions keep only their name, HTML formatting is dropped and spacing
   * is tidied.
   */
  static String question(IncomingActivity activity) {
    String text = activity.text();
    for (IncomingActivity.Mention mention : activity.mentions()) {
      if (mention.mentionedId().equals(activity.recipient().id()) && !mention.text().isEmpty()) {
        text = text.replace(mention.text(), " ");
      }
    }
    text = AT_TAG.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
    text = TAG.matcher(text).replaceAll(" ");
    text =
        text.replace("&nbsp;", " ")
            .replace('\u00a0', ' ')
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    return SPACES.matcher(text).replaceAll(" ").strip();
  }
}
