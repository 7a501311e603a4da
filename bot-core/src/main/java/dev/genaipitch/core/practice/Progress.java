package dev.genaipitch.core.practice;

import java.util.List;

/**
 * A rep's practice so far.
 *
 * @param sections each section that can be practised, in the guide's order, with the rep's last
 *     grade there (null when never practised) and how many answers were graded
 * @param next the section to practise next (the weakest), or null when nothing can be practised
 */
public record Progress(List<Section> sections, String next) {

  public Progress {
    sections = List.copyOf(sections);
  }

  /**
   * @param section the section id
   * @param title its title
   * @param rounds answers graded there
   * @param lastGrade strong, partial or off; null when never practised
   */
  public record Section(String section, String title, int rounds, String lastGrade) {}
}
