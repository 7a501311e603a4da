package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.SeenOnce;
import dev.genaipitch.slack.Click.Surface;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Translates Slack requests into questions for {@link PitchBot} and its answers into Block Kit.
 * Decides nothing about what to answer. Every listener acknowledges at once: the answer to a slash
 * command rides on the acknowledgement (matching takes microseconds); everything else is sent
 * afterwards by {@link Delivery}.
 */
final class SlackListeners {

  static final String PLATFORM = "slack";
  private static final String THANKS = "Thanks for the feedback.";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SlackListeners.class);

  private final PitchBot bot;
  private final SlackWebApi api;
  private final Delivery delivery;
  private final SeenOnce seen;
  private final ResponseUrls responseUrls;
  private final String botUserId;
  private final boolean postInChannel;
  private final Pattern mention;
  private final SlackPractice practice;

  SlackListeners(
      PitchBot bot,
      SlackWebApi api,
      Delivery delivery,
      SeenOnce seen,
      ResponseUrls responseUrls,
      String botUserId,
      boolean postInChannel,
      SlackPractice practice) {
    this.bot = bot;
    this.api = api;
    this.delivery = delivery;
    this.seen = seen;
    this.responseUrls = responseUrls;
    this.botUserId = botUserId == null ? "" : botUserId;
    this.postInChannel = postInChannel;
    this.mention = Pattern.compile("<@" + Pattern.quote(this.botUserId) + "(\\|[^>]*)?>");
    this.practice = practice;
  }

  void register(App app) {
    // Any command pointed at this Request URL is ours, so a workspace may rename /genai-pitch.
    app.command(Pattern.compile("^/.+$"), this::command);
    app.blockAction(BlockKit.POST_IN_CHANNEL, this::action);
    app.blockAction(BlockKit.OPEN_ACTION, this::action);
    app.blockAction(BlockKit.FEEDBACK_ACTION, this::action);
    app.blockAction(PracticeBlocks.ACTION, this::practiceAction);
    app.event(AppMentionEvent.class, this::mention);
    app.event(MessageEvent.class, this::directMessage);
    app.event(AppHomeOpenedEvent.class, this::homeOpened);
  }

  // ---- slash command

  private Response command(SlashCommandRequest request, SlashCommandContext ctx) {
    SlashCommandPayload p = request.getPayload();
    if (blank(p.getUserId()) || blank(p.getChannelId()) || blank(p.getResponseUrl())) {
      throw new BadSlackRequest("slash command without user_id, channel_id or response_url");
    }
    // The command's answer goes back in the HTTP response; its response_url is never posted to.
    String question = Mrkdwn.unescape(p.getText() == null ? "" : p.getText()).strip();
    if (SlackPractice.isCommand(question)) {
      return json(
          practice.command(
              p.getUserId(), p.getChannelId(), question, "command " + p.getTriggerId()));
    }
    Answer answer = bot.ask(question, PLATFORM);
    // BlockKit's visible answer or preview with its response_type, written straight to bytes.
    return JsonReply.of(
        postInChannel && answer.kind() == Answer.Kind.SECTION
            ? CommandJson.visible(answer, p.getUserId(), question)
            : CommandJson.preview(answer, question));
  }

  // ---- buttons

  private Response action(BlockActionRequest request, ActionContext ctx) {
    BlockActionPayload p = request.getPayload();
    List<BlockActionPayload.Action> actions = p.getActions();
    if (actions == null || actions.isEmpty() || actions.get(0).getActionId() == null) {
      throw new BadSlackRequest("block_actions without an action");
    }
    if (p.getUser() == null || blank(p.getUser().getId())) {
      throw new BadSlackRequest("block_actions without a user");
    }
    BlockActionPayload.Action action = actions.get(0);
    Click click = Click.decode(action.getValue()).orElse(null);
    if (click == null) {
      throw new BadSlackRequest("button value is not one of ours");
    }
    String user = p.getUser().getId();
    String actionId = action.getActionId();
    // Only buttons in the Home tab answer without a response_url (they republish the tab).
    boolean inHome = click.surface() == Surface.HOME && !actionId.equals(BlockKit.POST_IN_CHANNEL);
    if (!inHome && blank(p.getResponseUrl())) {
      throw new BadSlackRequest("block_actions without a response_url");
    }
    if (!blank(p.getResponseUrl())) {
      checkResponseUrl(p.getResponseUrl());
    }
    String channel =
        p.getChannel() != null && !blank(p.getChannel().getId()) ? p.getChannel().getId() : user;
    String interaction = "action " + actionId;
    if (actionId.equals(BlockKit.POST_IN_CHANNEL)) {
      share(click, user, p.getResponseUrl(), channel, interaction);
    } else if (BlockKit.FEEDBACK_ACTION.matcher(actionId).matches()) {
      feedback(
          click, actionId.equals(BlockKit.FEEDBACK_YES), p.getResponseUrl(), channel, interaction);
    } else {
      open(
          click,
          p.getTeam() == null ? null : p.getTeam().getId(),
          user,
          p.getResponseUrl(),
          channel,
          interaction);
    }
    return ctx.ack();
  }

  /** Try again, Next question, Show the script's answer, on a practice grade. */
  private Response practiceAction(BlockActionRequest request, ActionContext ctx) {
    BlockActionPayload p = request.getPayload();
    List<BlockActionPayload.Action> actions = p.getActions();
    if (actions == null || actions.isEmpty() || actions.get(0).getActionId() == null) {
      throw new BadSlackRequest("block_actions without an action");
    }
    if (p.getUser() == null || blank(p.getUser().getId())) {
      throw new BadSlackRequest("block_actions without a user");
    }
    String actionId = actions.get(0).getActionId();
    String interaction = "action " + actionId;
    ObjectNode note =
        practice.action(actionId, p.getUser().getId(), actions.get(0).getValue(), interaction);
    if (note != null && !blank(p.getResponseUrl())) {
      checkResponseUrl(p.getResponseUrl());
      note.put("replace_original", false);
      String channel =
          p.getChannel() != null && !blank(p.getChannel().getId())
              ? p.getChannel().getId()
              : p.getUser().getId();
      respond(p.getResponseUrl(), note, channel, interaction, null);
    }
    return ctx.ack();
  }

  /** Posts the answer visibly through the preview's response_url, then removes the preview. */
  private void share(
      Click click, String user, String responseUrl, String channel, String interaction) {
    Answer answer = bot.open(click.intent());
    if (answer.kind() != Answer.Kind.SECTION) {
      // The guide changed since the preview was drawn: show the menu rather than share it.
      respond(
          responseUrl, replace(BlockKit.preview(answer, "", false)), channel, interaction, null);
      return;
    }
    ObjectNode post = JSON.objectNode();
    post.put("response_type", "in_channel");
    post.put("replace_original", false);
    post.setAll(BlockKit.visible(answer, user, click.question()).body());
    ObjectNode delete = JSON.objectNode();
    delete.put("delete_original", true);
    respond(
        responseUrl,
        post,
        channel,
        interaction,
        () -> respond(responseUrl, delete, channel, interaction, null));
  }

  private void open(
      Click click,
      String team,
      String user,
      String responseUrl,
      String channel,
      String interaction) {
    // A button in the bot's DM opens its section in that conversation: a follow-up typed next is
    // read after it. Elsewhere a click answers privately, outside any thread's conversation.
    Answer answer =
        bot.open(
            click.intent(),
            click.surface() == Surface.DIRECT ? conversation(team, channel, null) : null);
    switch (click.surface()) {
      case PREVIEW ->
          respond(
              responseUrl,
              replace(BlockKit.preview(answer, "", false)),
              channel,
              interaction,
              null);
      case DIRECT ->
          respond(
              responseUrl, replace(BlockKit.direct(answer, "", false)), channel, interaction, null);
      case VISIBLE ->
          respond(
              responseUrl,
              ephemeral(BlockKit.preview(answer, "", false)),
              channel,
              interaction,
              null);
      case HOME -> publishHome(user, answer, interaction);
    }
  }

  private void feedback(
      Click click, boolean helpful, String responseUrl, String channel, String interaction) {
    bot.feedback(PLATFORM, click.intent(), helpful);
    Answer answer = bot.open(click.intent());
    switch (click.surface()) {
      case PREVIEW ->
          respond(
              responseUrl,
              replace(BlockKit.preview(answer, click.question(), true)),
              channel,
              interaction,
              null);
      case DIRECT ->
          respond(
              responseUrl,
              replace(BlockKit.direct(answer, click.question(), true)),
              channel,
              interaction,
              null);
      case VISIBLE ->
          respond(responseUrl, ephemeral(BlockKit.note(THANKS)), channel, interaction, null);
      case HOME -> {}
    }
  }

  // ---- events

  private Response mention(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
    AppMentionEvent e = payload.getEvent();
    if (blank(payload.getEventId()) || e == null || blank(e.getChannel()) || blank(e.getTs())) {
      throw new BadSlackRequest("app_mention without event_id, channel or ts");
    }
    if (e.getBotId() != null
        || botUserId.equals(e.getUser())
        || e.getSubtype() != null
        || e.getEdited() != null) {
      return ctx.ack();
    }
    if (!seen.firstTime("slack-event:" + payload.getEventId())) {
      return ctx.ack();
    }
    // The reply goes into the mention's thread (a new one under a top-level mention): that thread
    // is the conversation, so a mention further down it is read after the answers before.
    String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
    Answer answer =
        bot.ask(
            withoutMention(e.getText()),
            PLATFORM,
            conversation(payload.getTeamId(), e.getChannel(), thread));
    BlockKit.Message message = BlockKit.visible(answer, null, "");
    delivery.submit(
        new Delivery.Job(
            "chat.postMessage",
            e.getChannel(),
            payload.getEventId(),
            () -> api.postMessage(e.getChannel(), thread, message),
            null));
    return ctx.ack();
  }

  private Response directMessage(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
    MessageEvent e = payload.getEvent();
    if (blank(payload.getEventId()) || e == null || blank(e.getChannel())) {
      throw new BadSlackRequest("message without event_id or channel");
    }
    boolean fromAPerson =
        e.getBotId() == null && !blank(e.getUser()) && !botUserId.equals(e.getUser());
    boolean original = e.getSubtype() == null && e.getEdited() == null;
    boolean im = "im".equals(e.getChannelType());
    // A thread reply in a channel may answer a practice round; one that mentions the bot is a
    // question, answered through its app_mention event.
    boolean threadReply =
        !im
            && e.getThreadTs() != null
            && !e.getThreadTs().equals(e.getTs())
            && !mention.matcher(e.getText() == null ? "" : e.getText()).find();
    if ((!im && !threadReply) || !fromAPerson || !original) {
      return ctx.ack();
    }
    if (!seen.firstTime("slack-event:" + payload.getEventId())) {
      return ctx.ack();
    }
    if (practice.message(e, withoutMention(e.getText()), payload.getEventId()) || !im) {
      return ctx.ack();
    }
    Answer answer =
        bot.ask(
            withoutMention(e.getText()),
            PLATFORM,
            conversation(payload.getTeamId(), e.getChannel(), null));
    BlockKit.Message message = BlockKit.direct(answer, "", false);
    delivery.submit(
        new Delivery.Job(
            "chat.postMessage",
            e.getChannel(),
            payload.getEventId(),
            () -> api.postMessage(e.getChannel(), e.getThreadTs(), message),
            null));
    return ctx.ack();
  }

  /**
   * The key of a conversation with the bot: a thread in a channel, or a DM (its channel) when
   * {@code thread} is null. A slash command has none: it starts fresh.
   */
  static String conversation(String team, String channel, String thread) {
    String key = PLATFORM + ":" + (team == null ? "" : team) + ":" + channel;
    return thread == null ? key : key + ":" + thread;
  }

  private Response homeOpened(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
    AppHomeOpenedEvent e = payload.getEvent();
    if (blank(payload.getEventId()) || e == null || blank(e.getUser())) {
      throw new BadSlackRequest("app_home_opened without event_id or user");
    }
    if ((e.getTab() != null && !e.getTab().equals("home"))
        || !seen.firstTime("slack-event:" + payload.getEventId())) {
      return ctx.ack();
    }
    publishHome(e.getUser(), null, payload.getEventId());
    return ctx.ack();
  }

  // ---- helpers

  /** Refuses (400, logged) a response_url that is not Slack's: the bot posts only to Slack. */
  private void checkResponseUrl(String responseUrl) {
    if (!responseUrls.allowed(responseUrl)) {
      String host;
      try {
        host = String.valueOf(java.net.URI.create(responseUrl).getHost());
      } catch (IllegalArgumentException e) {
        host = "(not a URL)";
      }
      LOG.warn(
          "Refused a Slack request whose response_url points to {}, not Slack",
          dev.genaipitch.http.HttpReply.printable(host));
      throw new BadSlackRequest(
          "response_url is not Slack's (https://" + ResponseUrls.SLACK_HOOKS + "/...)");
    }
  }

  private void publishHome(String user, Answer opened, String event) {
    ObjectNode view = BlockKit.home(opened, bot.menu());
    delivery.submit(
        new Delivery.Job("views.publish", user, event, () -> api.publishHome(user, view), null));
  }

  private void respond(
      String responseUrl, ObjectNode body, String channel, String interaction, Runnable then) {
    delivery.submit(
        new Delivery.Job(
            "response_url", channel, interaction, () -> api.respond(responseUrl, body), then));
  }

  private String withoutMention(String text) {
    String plain = Mrkdwn.unescape(text == null ? "" : text);
    return mention.matcher(plain).replaceAll(" ").strip();
  }

  private static ObjectNode replace(BlockKit.Message message) {
    ObjectNode body = JSON.objectNode();
    body.put("replace_original", true);
    body.setAll(message.body());
    return body;
  }

  private static ObjectNode ephemeral(BlockKit.Message message) {
    ObjectNode body = JSON.objectNode();
    body.put("response_type", "ephemeral");
    body.put("replace_original", false);
    body.setAll(message.body());
    return body;
  }

  private static Response json(ObjectNode body) {
    return JsonReply.of(body);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
