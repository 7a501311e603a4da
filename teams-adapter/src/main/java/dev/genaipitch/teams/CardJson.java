package dev.genaipitch.teams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.genaipitch.teams.AdaptiveCard.ActionSet;
import dev.genaipitch.teams.AdaptiveCard.Cell;
import dev.genaipitch.teams.AdaptiveCard.Column;
import dev.genaipitch.teams.AdaptiveCard.Container;
import dev.genaipitch.teams.AdaptiveCard.Element;
import dev.genaipitch.teams.AdaptiveCard.Fact;
import dev.genaipitch.teams.AdaptiveCard.FactSet;
import dev.genaipitch.teams.AdaptiveCard.RichTextBlock;
import dev.genaipitch.teams.AdaptiveCard.Row;
import dev.genaipitch.teams.AdaptiveCard.Submit;
import dev.genaipitch.teams.AdaptiveCard.Table;
import dev.genaipitch.teams.AdaptiveCard.TextBlock;
import dev.genaipitch.teams.AdaptiveCard.TextRun;
import dev.genaipitch.teams.ConnectorReplies.Activity;
import dev.genaipitch.teams.ConnectorReplies.ChannelAccount;
import dev.genaipitch.teams.ConnectorReplies.ConversationAccount;
import java.io.IOException;
import java.util.List;

/**
 * Writes a card, and the reply activity that carries one, field by field with a {@link
 * JsonGenerator}: Jackson's own writer reads every record component by reflection, which was a
 * tenth of a Teams reply's CPU. The JSON is exactly what that writer gives for the records'
 * annotations and the mapper's inclusion rules (the same names, order, left-out nulls and, for the
 * activity, left-out empties); {@code CardJsonTest} compares the two byte for byte. A component
 * added to a record must be added here too.
 */
final class CardJson {

  private CardJson() {}

  /** The serializers, for {@link Json#MAPPER}. */
  static SimpleModule module() {
    return new SimpleModule("genai-pitch-cards")
        .addSerializer(AdaptiveCard.class, serializer(AdaptiveCard.class, CardJson::card))
        .addSerializer(Activity.class, serializer(Activity.class, CardJson::activity));
  }

  private interface Writer<T> {
    void write(JsonGenerator json, T value) throws IOException;
  }

  private static <T> JsonSerializer<T> serializer(Class<T> type, Writer<T> writer) {
    return new StdSerializer<T>(type) {
      private static final long serialVersionUID = 1L;

      @Override
      public void serialize(T value, JsonGenerator json, SerializerProvider provider)
          throws IOException {
        writer.write(json, value);
      }
    };
  }

  static void activity(JsonGenerator json, Activity activity) throws IOException {
    json.writeStartObject();
    nonEmpty(json, "type", activity.type());
    nonEmpty(json, "channelId", activity.channelId());
    nonEmpty(json, "serviceUrl", activity.serviceUrl());
    ConversationAccount conversation = activity.conversation();
    if (conversation != null) {
      json.writeFieldName("conversation");
      json.writeStartObject();
      nonEmpty(json, "id", conversation.id());
      nonEmpty(json, "conversationType", conversation.conversationType());
      nonEmpty(json, "tenantId", conversation.tenantId());
      json.writeEndObject();
    }
    account(json, "from", activity.from());
    account(json, "recipient", activity.recipient());
    nonEmpty(json, "replyToId", activity.replyToId());
    nonEmpty(json, "text", activity.text());
    nonEmpty(json, "textFormat", activity.textFormat());
    nonEmpty(json, "summary", activity.summary());
    List<ConnectorReplies.Attachment> attachments = activity.attachments();
    if (attachments != null && !attachments.isEmpty()) {
      json.writeArrayFieldStart("attachments");
      for (ConnectorReplies.Attachment attachment : attachments) {
        json.writeStartObject();
        field(json, "contentType", attachment.contentType());
        if (attachment.content() != null) {
          json.writeFieldName("content");
          card(json, attachment.content());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void account(JsonGenerator json, String name, ChannelAccount account)
      throws IOException {
    if (account != null) {
      json.writeFieldName(name);
      json.writeStartObject();
      nonEmpty(json, "id", account.id());
      nonEmpty(json, "name", account.name());
      json.writeEndObject();
    }
  }

  static void card(JsonGenerator json, AdaptiveCard card) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", card.type());
    json.writeStringField("$schema", card.schema());
    json.writeStringField("version", card.version());
    elements(json, "body", card.body());
    field(json, "fallbackText", card.fallbackText());
    if (card.msteams() != null) {
      json.writeFieldName("msteams");
      json.writeStartObject();
      field(json, "width", card.msteams().width());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void elements(JsonGenerator json, String name, List<Element> elements)
      throws IOException {
    if (elements != null) {
      json.writeArrayFieldStart(name);
      for (Element element : elements) {
        element(json, element);
      }
      json.writeEndArray();
    }
  }

  private static void element(JsonGenerator json, Element element) throws IOException {
    json.writeStartObject();
    if (element instanceof TextBlock text) {
      json.writeStringField("type", text.type());
      field(json, "text", text.text());
      json.writeBooleanField("wrap", text.wrap());
      field(json, "size", text.size());
      field(json, "weight", text.weight());
      field(json, "isSubtle", text.isSubtle());
      field(json, "color", text.color());
      field(json, "spacing", text.spacing());
    } else if (element instanceof Container container) {
      json.writeStringField("type", container.type());
      elements(json, "items", container.items());
      field(json, "style", container.style());
      if (container.selectAction() != null) {
        json.writeFieldName("selectAction");
        submit(json, container.selectAction());
      }
      field(json, "spacing", container.spacing());
    } else if (element instanceof ActionSet actions) {
      json.writeStringField("type", actions.type());
      json.writeArrayFieldStart("actions");
      for (Submit submit : actions.actions()) {
        submit(json, submit);
      }
      json.writeEndArray();
      field(json, "spacing", actions.spacing());
    } else if (element instanceof RichTextBlock rich) {
      json.writeStringField("type", rich.type());
      json.writeArrayFieldStart("inlines");
      for (TextRun run : rich.inlines()) {
        json.writeStartObject();
        json.writeStringField("type", run.type());
        field(json, "text", run.text());
        field(json, "isSubtle", run.isSubtle());
        json.writeEndObject();
      }
      json.writeEndArray();
      field(json, "spacing", rich.spacing());
    } else if (element instanceof FactSet facts) {
      json.writeStringField("type", facts.type());
      json.writeArrayFieldStart("facts");
      for (Fact fact : facts.facts()) {
        json.writeStartObject();
        field(json, "title", fact.title());
        field(json, "value", fact.value());
        json.writeEndObject();
      }
      json.writeEndArray();
    } else if (element instanceof Table table) {
      table(json, table);
    } else {
      throw new IllegalStateException("no writer for " + element.getClass().getSimpleName());
    }
    json.writeEndObject();
  }

  private static void table(JsonGenerator json, Table table) throws IOException {
    json.writeStringField("type", table.type());
    json.writeArrayFieldStart("columns");
    for (Column column : table.columns()) {
      json.writeStartObject();
      json.writeNumberField("width", column.width());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("rows");
    for (Row row : table.rows()) {
      json.writeStartObject();
      json.writeStringField("type", row.type());
      json.writeArrayFieldStart("cells");
      for (Cell cell : row.cells()) {
        json.writeStartObject();
        json.writeStringField("type", cell.type());
        elements(json, "items", cell.items());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeBooleanField("firstRowAsHeader", table.firstRowAsHeader());
    json.writeBooleanField("showGridLines", table.showGridLines());
    field(json, "gridStyle", table.gridStyle());
    if (table.fallback() != null) {
      json.writeFieldName("fallback");
      element(json, table.fallback());
    }
  }

  private static void submit(JsonGenerator json, Submit submit) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", submit.type());
    field(json, "title", submit.title());
    CardAction data = submit.data();
    if (data != null) {
      json.writeFieldName("data");
      json.writeStartObject();
      if (data instanceof CardAction.Open open) {
        json.writeStringField("action", open.action());
        field(json, "intent", open.intent());
      } else if (data instanceof CardAction.Feedback feedback) {
        json.writeStringField("action", feedback.action());
        field(json, "intent", feedback.intent());
        json.writeBooleanField("helpful", feedback.helpful());
      } else if (data instanceof CardAction.Practice practice) {
        json.writeStringField("action", practice.action());
        field(json, "choice", practice.choice());
      } else {
        throw new IllegalStateException("no writer for " + data.getClass().getSimpleName());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /** A string left out when null, as the mapper's {@code NON_NULL} does. */
  private static void field(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void field(JsonGenerator json, String name, Boolean value) throws IOException {
    if (value != null) {
      json.writeBooleanField(name, value);
    }
  }

  /** A string left out when null or empty, as the activity's {@code NON_EMPTY} does. */
  private static void nonEmpty(JsonGenerator json, String name, String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      json.writeStringField(name, value);
    }
  }
}
