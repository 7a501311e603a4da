package dev.genaipitch.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Round 23: the follow-up model reads which section was shown before a short message the matcher is
 * unsure of alone. What the same few words ask depends on what they follow: after the executive
 * summary, "the last line" asks for its last line (after why-it-works, the writers' conversations
 * ask it of why-it-works); after the stage table, "and explain it" asks about the table. Read
 * without the section shown, they go to when-sagemaker and the menu. No word list or reading does
 * this: one feature per section and one per section and subject word, learned from the labelled
 * conversations' short messages the matcher is unsure of alone, each after the section its
 * conversation showed before it, while the rest of the model stays round 22's weight for weight
 * (FollowUpsModelTest). What it leaves alone: a short complete question keeps its own reading, and
 * the readings of the earlier rounds keep theirs. A short question the matcher is sure of alone is
 * read as if nothing came before ({@code FollowUps.Settings.readShownBelow}), exactly as round 22
 * read it: "what is rag actually" stays out of scope, and round 22's "does fine-tuning fall under
 * that" stays on when-sagemaker (FollowUpConversationTest). Not asserted any more, since the
 * matcher is sure of each alone and so reads it as round 22 did: "how do i say that to a cfo" after
 * when-bedrock (out of scope alone, 0.55), "wait which one's the ec2 one" after the analogy (the
 * analogy, 0.64) and "even shorter, like one line per service" after the executive summary (the
 * definitions, 0.56). The form measured before answered them as the test wanted only because
 * training with the section shown had changed the reading without it, the change that sent "does
 * fine-tuning fall under that" out of scope (docs/matching.md, round 23).
 */
final class WhatTheSameWordsMeanAfterTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void aShortFollowUp_isReadAfterTheSectionItFollows() {
    YOU.after("N1", "give me the executive summary", "executive-summary")
        .ask("the last line")
        .isAnsweredWith("executive-summary");

    YOU.after("C2", "show me the stage table", "not-competing")
        .ask("and explain it")
        .isAnsweredWith("not-competing");
  }

  @Test
  void aShortCompleteQuestion_keepsItsOwnReading() {
    YOU.after("Q1", "explain the rds analogy", "analogy")
        .ask("what is titan exactly")
        .isOutOfScope();

    YOU.after("Q2", "do we need both", "need-both")
        .ask("why does sagemaker exist")
        .isAnsweredWith("when-sagemaker");

    YOU.after("Q3", "how do i open the conversation", "opening")
        .ask("whats the analogy that goes with it")
        .isAnsweredWith("analogy");

    YOU.after("Q4", "do we need both", "need-both")
        .ask("what's the difference between bedrock and sagemaker")
        .isAnsweredWith("overview");
  }

  /** A question that opens each section, by the section it opens. */
  private static final Map<String, String> OPENS = new LinkedHashMap<>();

  static {
    OPENS.put("overview", "what's the difference between bedrock and sagemaker");
    OPENS.put("opening", "how do i open the conversation");
    OPENS.put("definitions", "bedrock and sagemaker definitions please");
    OPENS.put("analogy", "explain the rds analogy");
    OPENS.put("when-bedrock", "when should i recommend bedrock");
    OPENS.put("when-sagemaker", "when should i use sagemaker");
    OPENS.put("not-competing", "show me the stage table");
    OPENS.put("need-both", "do we need both");
    OPENS.put("executive-summary", "give me the executive summary");
    OPENS.put("why-it-works", "why does this whole approach work");
  }

  /**
   * The first brief's short complete questions, after every section: each is answered as it is
   * alone. Read with the section shown, "what is rag actually" and "what is titan exactly" went to
   * the opening, when-bedrock and need-both, "whats the rds comparison" and "when sm" after the
   * analogy to when-bedrock and the analogy.
   */
  @Test
  void aShortCompleteQuestion_isAnsweredAsItselfAfterEverySection() {
    Map<String, String> complete = new LinkedHashMap<>();
    complete.put("what is rag actually", "none");
    complete.put("what is titan exactly", "none");
    complete.put("ok whats the rds comparison", "analogy");
    complete.put("when sm", "when-sagemaker");
    int n = 0;
    for (Map.Entry<String, String> shown : OPENS.entrySet()) {
      for (Map.Entry<String, String> question : complete.entrySet()) {
        YOU.after("S" + n++, shown.getValue(), shown.getKey())
            .ask(question.getKey())
            .isAnsweredWith(question.getValue());
      }
    }
  }

  @Test
  void theEarlierReadingsOfAShortFollowUp_stay() {
    YOU.after("E1", "when should i recommend bedrock", "when-bedrock")
        .ask("shorter")
        .isAnsweredWith("when-bedrock");

    YOU.after("E2", "when should i recommend bedrock", "when-bedrock")
        .ask("and sm?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("E3", "when should i recommend bedrock", "when-bedrock")
        .ask("and for an insurer?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("E4", "explain the rds analogy", "analogy")
        .ask("run that by me again")
        .isAnsweredWith("analogy");
  }
}
