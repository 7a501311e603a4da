package dev.genaipitch.core.content;

import java.util.List;

/**
 * A kind of follow-up (another form of the same point, the other side of a pair, a narrower
 * audience, the reason behind it...), with how people ask for it right after an answer ("shorter",
 * "and sm?", "for an insurer?", "why though"): the file {@code relations/<id>.txt}. Sections say
 * what each kind asks for after them ({@link Relation}).
 *
 * @param id the kind, named after its file
 * @param phrasings how people ask for it, one message each
 */
public record RelationKind(String id, List<String> phrasings) {

  public RelationKind {
    phrasings = List.copyOf(phrasings);
  }
}
