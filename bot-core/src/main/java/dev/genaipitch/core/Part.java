package dev.genaipitch.core;

import java.util.List;
import java.util.Objects;

/**
 * More of the script shown in one answer, after its main section.
 *
 * @param role why it is shown
 * @param intent the section's id
 * @param title the section's short title
 * @param heading the script's own heading for it
 * @param blocks the words shown: a companion's lines to say out loud, or a whole section
 */
public record Part(Role role, String intent, String title, String heading, List<Block> blocks) {

  /** Why a part is shown with the main section. */
  public enum Role {
    /**
     * The main section names this one as its companion (the content's {@code with}): its lines to
     * say out loud belong with the answer, like the RDS/EC2 analogy with "do we need both?".
     */
    COMPANION,
    /** The question asked about this section too ("need both? also the RDS line"). */
    ALSO_ASKED
  }

  public Part {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(heading, "heading");
    blocks = List.copyOf(blocks);
  }
}
