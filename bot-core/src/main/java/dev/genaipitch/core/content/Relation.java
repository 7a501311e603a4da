package dev.genaipitch.core.content;

import java.util.List;

/**
 * What a follow-up of one kind asks for right after a section: the front matter's {@code
 * relations:} line {@code kind: id, id}. With several sections, the follow-up's own words choose
 * among them ("and for an insurer?" after when-bedrock: the one of when-bedrock, when-sagemaker and
 * executive-summary that covers insurers); the first is the default.
 *
 * @param kind a {@link RelationKind#id}, such as {@code shorter} or {@code other-side}
 * @param sections the section ids that answer it, most likely first
 */
public record Relation(String kind, List<String> sections) {

  public Relation {
    sections = List.copyOf(sections);
  }
}
