package dev.genaipitch.core.content;

import java.util.List;
import java.util.Optional;

/**
 * What a practice round of one section asks and grades: the customer's prompts, the key points, and
 * what a strong answer needs.
 *
 * @param section the section id the round practises
 * @param subject the service that sentences naming none are about ({@code BEDROCK} for
 *     when-bedrock), or {@code ANY} when there is no such default
 * @param prompts questions as a customer would ask them, at least one
 * @param points the key points, in the order a rep would say them
 * @param strongNeeds ids of the points a strong answer must carry
 * @param strongCount how many points in all a strong answer must carry
 * @param source the file it came from
 */
public record PracticeSet(
    String section,
    KeyPoint.Subject subject,
    List<String> prompts,
    List<KeyPoint> points,
    List<String> strongNeeds,
    int strongCount,
    String source) {

  public PracticeSet {
    prompts = List.copyOf(prompts);
    points = List.copyOf(points);
    strongNeeds = List.copyOf(strongNeeds);
  }

  public Optional<KeyPoint> point(String id) {
    return points.stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
