package dev.genaipitch.teams;

import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.TextFormatTypes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Dispatcher;

/**
 * Posts replies through the Bot Framework SDK's connector client, which fetches and attaches the
 * bot's Azure AD token when an app id is configured, and retries a 408 or 5xx answer up to three
 * times at once.
 */
final class BotConnectorReplies implements Replies {

  /**
   * Distinct serviceUrls are few (one per region); the bound only guards against a flood of made-up
   * ones.
   */
  private static final int MAX_CLIENTS = 16;

  /** Extra wait past the HTTP timeouts before giving up on the SDK's future ourselves. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  /**
   * Replies one connector host may have in flight at once. OkHttp's default is 5, and every reply
   * goes to the same host while its request thread waits for it: with 5, a sixth concurrent
   * activity queued behind the others (measured: at most 5 in flight, ~340 activities/s at best on
   * loopback, and ~5 / round-trip per second against a remote connector). TeamsBot's
   * maxWaitingReplies (a quarter of MAX_THREADS) is the limit that applies; this one only has to
   * stay out of its way.
   */
  private static final int MAX_REPLIES_IN_FLIGHT = 64;

  private final AppCredentials credentials;
  private final Duration timeout;
  private final Dispatcher dispatcher = new Dispatcher();
  private final Map<String, ConnectorClient> clients =
      new LinkedHashMap<>(MAX_CLIENTS, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConnectorClient> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  /**
   * @param credentials the bot's credentials for outgoing calls ({@code
   *     MicrosoftAppCredentials.empty()} for the Emulator)
   * @param timeout how long to wait to connect, and then for the connector's answer
   */
  BotConnectorReplies(AppCredentials credentials, Duration timeout) {
    this.credentials = credentials;
    this.timeout = timeout;
    dispatcher.setMaxRequests(MAX_REPLIES_IN_FLIGHT);
    dispatcher.setMaxRequestsPerHost(MAX_REPLIES_IN_FLIGHT);
  }

  @Override
  public void send(OutgoingMessage message) throws DeliveryException {
    CompletableFuture<ResourceResponse> sent;
    try {
      ConnectorClient client = client(message.serviceUrl());
      String conversationId = message.conversation().id();
      Activity activity = activity(message);
      sent =
          message.replyToId().isEmpty()
              ? client.getConversations().sendToConversation(conversationId, activity)
              : client
                  .getConversations()
                  .replyToActivity(conversationId, message.replyToId(), activity);
    } catch (RuntimeException e) {
      throw new DeliveryException(describe(e));
    }
    try {
      sent.get(timeout.multipliedBy(2).plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new DeliveryException(describe(e.getCause()));
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw new DeliveryException("no answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted");
    }
  }

  private synchronized ConnectorClient client(String serviceUrl) {
    return clients.computeIfAbsent(
        serviceUrl,
        url ->
            new RestConnectorClient(
                RestConnectorClient.getDefaultRestClientBuilder(url, credentials)
                    .withDispatcher(dispatcher)
                    .withConnectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .withReadTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .build()));
  }

  private static Activity activity(OutgoingMessage message) {
    Activity activity = new Activity(ActivityTypes.MESSAGE);
    activity.setChannelId(message.channelId());
    activity.setServiceUrl(message.serviceUrl());
    ConversationAccount conversation = new ConversationAccount(message.conversation().id());
    if (!message.conversation().conversationType().isEmpty()) {
      conversation.setConversationType(message.conversation().conversationType());
    }
    if (!message.conversation().tenantId().isEmpty()) {
      conversation.setTenantId(message.conversation().tenantId());
    }
    activity.setConversation(conversation);
    activity.setFrom(new ChannelAccount(message.bot().id(), message.bot().name()));
    if (!message.user().id().isEmpty()) {
      activity.setRecipient(new ChannelAccount(message.user().id(), message.user().name()));
    }
    if (!message.replyToId().isEmpty()) {
      activity.setReplyToId(message.replyToId());
    }
    if (!message.text().isEmpty()) {
      activity.setText(message.text());
      activity.setTextFormat(TextFormatTypes.PLAIN);
    }
    if (!message.summary().isEmpty()) {
      activity.setSummary(message.summary());
    }
    if (message.card() != null) {
      Attachment attachment = new Attachment();
      attachment.setContentType(AdaptiveCard.CONTENT_TYPE);
      attachment.setContent(Json.tree(message.card()));
      activity.setAttachments(List.of(attachment));
    }
    return activity;
  }

  /** What went wrong, in words safe for a log: no URL, token or body from the SDK's messages. */
  private String describe(Throwable e) {
    for (Throwable cause = e;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ErrorResponseException refused && refused.response() != null) {
        return "the connector answered HTTP " + refused.response().code();
      }
      if (cause instanceof InterruptedIOException) {
        return "no answer within " + timeout.toMillis() + " ms";
      }
      if (cause instanceof ConnectException) {
        return "cannot connect to the connector";
      }
      if (cause instanceof IOException && cause.getCause() instanceof ExecutionException) {
        // The SDK's credentials interceptor wraps a failed Azure AD token request this way.
        return "cannot get the bot's Azure AD token";
      }
      if (cause instanceof IOException) {
        return "I/O error talking to the connector (" + cause.getClass().getSimpleName() + ")";
      }
    }
    return e.getClass().getSimpleName();
  }
}
