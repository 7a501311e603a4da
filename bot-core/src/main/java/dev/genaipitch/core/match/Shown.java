package dev.genaipitch.core.match;

/**
 * What a conversation showed: a section and the line of it shown first, as context for reading the
 * next message.
 *
 * @param section a section id
 * @param keyLine the index into the section's lines of the line shown first ("Amazon Bedrock is for
 *     teams that..."), which says which side of the section the conversation is on; -1 for none
 */
public record Shown(String section, int keyLine) {

  /** A whole section shown, without a key line. */
  public static Shown section(String section) {
    return new Shown(section, -1);
  }
}
