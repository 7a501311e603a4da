package dev.genaipitch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Block Kit the way a person looks at it: its words, its buttons. */
public final class Blocks {

  private Blocks() {}

  /** A button as found in a message, with the block it sits in. */
  public record Button(String label, String actionId, String value, String blockId) {}

  /**
   * Every text of the message's blocks (sections, fields, contexts, headers, buttons), one per
   * line; a context's elements, which Slack lays out side by side, share a line.
   */
  public static String text(JsonNode message) {
    List<String> out = new ArrayList<>();
    collect(message.path("blocks"), out);
    return String.join("\n", out);
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isObject() && node.path("type").asText().equals("context")) {
      List<String> elements = new ArrayList<>();
      node.path("elements").forEach(e -> elements.add(e.path("text").asText()));
      out.add(String.join(" ", elements));
    } else if (node.isObject()) {
      JsonNode text = node.get("text");
      if (text != null && text.isTextual()) {
        out.add(text.asText());
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getKey().equals("value")) {
          collect(field.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }

  public static List<Button> buttons(JsonNode message) {
    List<Button> out = new ArrayList<>();
    for (JsonNode block : message.path("blocks")) {
      String blockId = block.path("block_id").asText("generated-" + out.size());
      for (JsonNode element : block.path("elements")) {
        if (element.path("type").asText().equals("button")) {
          out.add(button(element, blockId));
        }
      }
      JsonNode accessory = block.path("accessory");
      if (accessory.path("type").asText().equals("button")) {
        out.add(button(accessory, blockId));
      }
    }
    return out;
  }

  /**
   * The text objects of the message's blocks (contexts' elements, sections' text and fields) that
   * contain {@code words}: where a user's words ended up, and as which type.
   */
  public static List<JsonNode> textObjectsWith(JsonNode message, String words) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode block : message.path("blocks")) {
      List<JsonNode> texts = new ArrayList<>();
      block.path("elements").forEach(texts::add);
      texts.add(block.path("text"));
      block.path("fields").forEach(texts::add);
      for (JsonNode text : texts) {
        if (text.path("text").asText().contains(words)) {
          out.add(text);
        }
      }
    }
    return out;
  }

  public static List<String> labels(JsonNode message) {
    return buttons(message).stream().map(Button::label).toList();
  }

  /** The {@code n}th button labelled {@code label} (0 is the first). */
  public static Button button(JsonNode message, String label, int n) {
    List<Button> matching = buttons(message).stream().filter(b -> b.label().equals(label)).toList();
    if (matching.size() <= n) {
      throw new AssertionError("no button '" + label + "' (#" + n + ") among " + labels(message));
    }
    return matching.get(n);
  }

  private static Button button(JsonNode element, String blockId) {
    return new Button(
        element.path("text").path("text").asText(),
        element.path("action_id").asText(),
        element.path("value").asText(),
        blockId);
  }

  /** Types of the message's blocks in order, e.g. {@code [context, header, section, actions]}. */
  public static List<String> types(JsonNode message) {
    List<String> out = new ArrayList<>();
    message.path("blocks").forEach(b -> out.add(b.path("type").asText()));
    return out;
  }
}
