package dev.genaipitch.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Bot Framework activity this bot reads, parsed from the request body without the
 * SDK's types so that the rest of the adapter does not depend on them.
 *
 * @param type {@code message}, {@code conversationUpdate}, {@code invoke}, or anything else
 * @param id the activity id, used as {@code replyToId}; may be empty
 * @param conversation where it was said
 * @param from who said it
 * @param recipient the bot, as the channel knows it
 * @param text the message text, mentions included as {@code <at>name</at>}; empty when absent
 * @param value a card button's data or an invoke's payload; null when absent
 * @param name an invoke's name, such as {@code composeExtension/query}; empty when absent
 * @param mentions the {@code mention} entities
 * @param membersAdded ids of the members a {@code conversationUpdate} added
 */
record IncomingActivity(
    String type,
    String id,
    String channelId,
    String serviceUrl,
    Conversation conversation,
    Account from,
    Account recipient,
    String text,
    JsonNode value,
    String name,
    List<Mention> mentions,
    List<String> membersAdded) {

  static final String MESSAGE = "message";
  static final String CONVERSATION_UPDATE = "conversationUpdate";
  static final String INVOKE = "invoke";

  /**
   * A conversation: {@code conversationType} is {@code personal}, {@code groupChat} or {@code
   * channel}.
   */
  record Conversation(String id, String conversationType, String tenantId) {
    /**
     * A channel or group chat, where the bot answers only when mentioned (the Emulator sends no
     * type).
     */
    boolean shared() {
      return conversationType.equals("channel") || conversationType.equals("groupChat");
    }
  }

  record Account(String id, String name) {}

  /** A {@code mention} entity: who was mentioned and the exact text that mentions them. */
  record Mention(String mentionedId, String text) {}

  /**
   * A request body that is not an activity this endpoint can handle; the reason is safe to show.
   */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  IncomingActivity {
    mentions = List.copyOf(mentions);
    membersAdded = List.copyOf(membersAdded);
  }

  boolean isType(String expected) {
    return type.equals(expected);
  }

  /**
   * Reads and checks an activity: a JSON object with a type, channel, http(s) serviceUrl,
   * conversation and recipient.
   */
  static IncomingActivity parse(byte[] body) throws Malformed {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Malformed("the body is not JSON");
    } catch (java.io.IOException e) {
      throw new Malformed("the body cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw new Malformed("the body is not a JSON object");
    }
    String type = required(root, "type");
    String channelId = required(root, "channelId");
    String serviceUrl = required(root, "serviceUrl");
    checkServiceUrl(serviceUrl);
    JsonNode conversation = object(root, "conversation");
    String conversationId = required(conversation, "id", "conversation.id");
    JsonNode recipient = object(root, "recipient");
    String recipientId = required(recipient, "id", "recipient.id");
    JsonNode from = root.path("from");
    return new IncomingActivity(
        type,
        text(root, "id"),
        channelId,
        serviceUrl,
        new Conversation(
            conversationId, text(conversation, "conversationType"), tenantId(root, conversation)),
        new Account(text(from, "id"), text(from, "name")),
        new Account(recipientId, text(recipient, "name")),
        text(root, "text"),
        root.hasNonNull("value") ? root.get("value") : null,
        text(root, "name"),
        mentions(root.path("entities")),
        membersAdded(root.path("membersAdded")));
  }

  /** Teams puts the tenant in channelData; the Bot Framework's newer place is the conversation. */
  private static String tenantId(JsonNode root, JsonNode conversation) {
    String tenantId = text(conversation, "tenantId");
    return tenantId.isEmpty() ? text(root.path("channelData").path("tenant"), "id") : tenantId;
  }

  private static List<Mention> mentions(JsonNode entities) {
    List<Mention> out = new ArrayList<>();
    for (JsonNode entity : entities) {
      if ("mention".equals(entity.path("type").asText())
          && entity.path("mentioned").hasNonNull("id")) {
        out.add(new Mention(entity.path("mentioned").path("id").asText(), text(entity, "text")));
      }
    }
    return out;
  }

  private static List<String> membersAdded(JsonNode members) {
    List<String> out = new ArrayList<>();
    for (JsonNode member : members) {
      if (member.hasNonNull("id")) {
        out.add(member.get("id").asText());
      }
    }
    return out;
  }

  private static void checkServiceUrl(String serviceUrl) throws Malformed {
    try {
      URI uri = new URI(serviceUrl);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("https") || scheme.equals("http"))
          || uri.getHost() == null) {
        throw new Malformed("serviceUrl is not an http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new Malformed("serviceUrl is not an http(s) URL");
    }
  }

  private static JsonNode object(JsonNode parent, String field) throws Malformed {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new Malformed(field + " is missing");
    }
    return node;
  }

  private static String required(JsonNode parent, String field) throws Malformed {
    return required(parent, field, field);
  }

  private static String required(JsonNode parent, String field, String shownAs) throws Malformed {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new Malformed(shownAs + " is missing");
    }
    return node.asText();
  }

  /** A string field, or empty when absent or not a string. */
  private static String text(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    return node.isTextual() ? node.asText() : "";
  }
}
