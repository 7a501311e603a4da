package dev.genaipitch.slack;

import dev.genaipitch.core.Answer;
import java.util.Objects;

/** Block Kit for an answer, as Slack would show it, for pages that render a Slack preview. */
public final class SlackPreview {

  private SlackPreview() {}

  /**
   * The Block Kit message JSON ({@code {"blocks":[...]}}) of the ephemeral preview the asker sees
   * after {@code /genai-pitch <question>}: the answer, the question echoed (escaped), and the
   * buttons. All text is escaped for Slack's mrkdwn.
   *
   * @param answer what {@code PitchBot} answered; not null
   * @return compact JSON, suitable for Slack's Block Kit Builder
   */
  public static String previewJson(Answer answer) {
    Objects.requireNonNull(answer, "answer");
    return BlockKit.preview(answer, answer.question(), false).blocksOnly().toString();
  }
}
