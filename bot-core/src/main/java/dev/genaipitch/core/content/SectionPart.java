package dev.genaipitch.core.content;

/**
 * A part of a section's text that another section holds in full: the front matter's {@code parts:}
 * line {@code words: id}. A follow-up that names it right after the section ("the production genai
 * apps row, what kind of apps?", "the 'framed it as a journey' part") asks for that section.
 *
 * @param words the words of the section's text that name the part (a row, an item, a phrase)
 * @param section the id of the section that holds it in full
 */
public record SectionPart(String words, String section) {}
