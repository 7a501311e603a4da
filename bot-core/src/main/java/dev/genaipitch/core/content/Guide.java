package dev.genaipitch.core.content;

import dev.genaipitch.core.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The script as loaded content: its sections in order, the {@code help} and {@code none} entries,
 * and the synonyms the matcher applies to every question. Immutable; a reload builds a new one.
 *
 * @param synonyms variant phrase (lower case) to the canonical term it means
 * @param origin where it was loaded from, for logs ("built-in" or a directory)
 * @param practice the practice rounds' content (prompts and key points), from {@code practice/}
 * @param relationKinds the kinds of follow-up and how people ask for each, from {@code relations/},
 *     by id
 * @param followUpExamples the messages of labelled conversations ({@code conversations/}), each
 *     after the section shown before it
 */
public record Guide(
    List<Section> sections,
    Section help,
    Section none,
    Map<String, String> synonyms,
    String origin,
    Practice practice,
    List<RelationKind> relationKinds,
    List<FollowUpExample> followUpExamples) {

  public static final String HELP = "help";
  public static final String NONE = "none";

  public Guide {
    sections = List.copyOf(sections);
    synonyms = Map.copyOf(synonyms);
    practice = practice == null ? Practice.NONE : practice;
    relationKinds = List.copyOf(relationKinds);
    followUpExamples = List.copyOf(followUpExamples);
  }

  /** A guide without labelled conversations. */
  public Guide(
      List<Section> sections,
      Section help,
      Section none,
      Map<String, String> synonyms,
      String origin,
      Practice practice,
      List<RelationKind> relationKinds) {
    this(sections, help, none, synonyms, origin, practice, relationKinds, List.of());
  }

  /** A guide without kinds of follow-up. */
  public Guide(
      List<Section> sections,
      Section help,
      Section none,
      Map<String, String> synonyms,
      String origin,
      Practice practice) {
    this(sections, help, none, synonyms, origin, practice, List.of());
  }

  /** A guide without practice content. */
  public Guide(
      List<Section> sections,
      Section help,
      Section none,
      Map<String, String> synonyms,
      String origin) {
    this(sections, help, none, synonyms, origin, Practice.NONE, List.of());
  }

  public Optional<Section> section(String id) {
    return sections.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** Every section as the topic menu lists it, in the guide's order. */
  public List<Topic> topics() {
    return sections.stream().map(Section::topic).toList();
  }

  /** Sections by id, in order. */
  public Map<String, Section> byId() {
    Map<String, Section> map = new LinkedHashMap<>();
    sections.forEach(s -> map.put(s.id(), s));
    return map;
  }
}
