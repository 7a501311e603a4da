package dev.genaipitch.core;

import org.junit.jupiter.api.Test;

/**
 * A question about something the script lists is answered by the section that lists it, even when
 * the model alone, having met such names mostly in out-of-scope questions, reads it as out of
 * scope; what no line holds (a number, a region) stays out of scope.
 */
final class WhatTheScriptListsTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void aModelTheScriptNames_onTheServiceItNames_getsThatService() {
    YOU.ask("is llama on bedrock?").isAnsweredWith("when-bedrock");
    YOU.ask("what models does bedrock offer?").isAnsweredWith("when-bedrock");
    YOU.ask("is claude available on bedrock?").isAnsweredWith("when-bedrock");
  }

  @Test
  void whatNoLineHolds_staysOutOfScope() {
    YOU.ask("how many models does bedrock offer?").isOutOfScope();
    YOU.ask("which regions is llama on bedrock in?").isOutOfScope();
  }

  @Test
  void aFollowUpWithNoWordForASide_staysOnTheSideShown() {
    Conversation.Chat bedrock = YOU.in("L1");
    bedrock.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    bedrock.ask("key message?").isAnsweredWith("when-bedrock");
    bedrock.ask("and the models it has?").isAnsweredWith("when-bedrock");

    Conversation.Chat sagemaker = YOU.in("L2");
    sagemaker.ask("when to use sagemaker").isAnsweredWith("when-sagemaker");
    sagemaker.ask("key message?").isAnsweredWith("when-sagemaker");
  }
}
