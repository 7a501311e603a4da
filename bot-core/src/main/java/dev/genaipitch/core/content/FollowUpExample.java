package dev.genaipitch.core.content;

import java.util.List;

/**
 * A message of a labelled conversation ({@code conversations/}), read after the section its
 * conversation showed before it: what the follow-up model learns from besides the phrasings.
 *
 * @param after the section the conversation showed last before this message (by its labels)
 * @param message the message as written
 * @param answers the entries that answer it right (a section, {@code help} or {@code none})
 * @param complete the writer marked it a complete question of its own, to be answered as itself
 * @param source where it was written ({@code conversations/x.txt:12})
 */
public record FollowUpExample(
    String after, String message, List<String> answers, boolean complete, String source) {

  public FollowUpExample {
    answers = List.copyOf(answers);
  }
}
