package dev.genaipitch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Teams messages in a 1:1 chat as the Bot Framework posts them (authentication off, the Emulator's
 * mode), each with a unique activity id and {@code serviceUrl} pointing at the fake connector,
 * which times the reply that comes back for that id.
 */
final class TeamsActivities implements Exchange {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String host;
  private final List<String> questions;
  private final FakeRemotes remotes;
  private final String prefix;

  /**
   * @param prefix makes activity ids unique across phases and runs, so a late reply from one phase
   *     is never counted in the next
   */
  TeamsActivities(String host, List<String> questions, FakeRemotes remotes, String prefix) {
    this.host = host;
    this.questions = questions;
    this.remotes = remotes;
    this.prefix = prefix;
  }

  @Override
  public String name() {
    return "teams";
  }

  @Override
  public byte[] request(long seq, long intendedNanos) {
    String id = prefix + "-" + seq;
    remotes.expectReply(id, intendedNanos);
    return RawHttp.post(
        host,
        "/api/messages",
        "application/json",
        new String[0],
        activity(id, questions.get((int) (seq % questions.size())), remotes.serviceUrl())
            .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean ok(RawHttp.Response response) {
    return response.status() / 100 == 2;
  }

  static String activity(String id, String text, String serviceUrl) {
    ObjectNode a = JSON.createObjectNode();
    a.put("type", "message");
    a.put("id", id);
    a.put("timestamp", "2025-03-04T10:15:30.000Z");
    a.put("channelId", "msteams");
    a.put("serviceUrl", serviceUrl);
    a.putObject("from").put("id", "29:bench-user").put("name", "Bench User");
    a.putObject("conversation")
        .put("id", "a:1bench-personal-chat")
        .put("conversationType", "personal")
        .put("tenantId", "tenant-bench")
        .put("isGroup", false);
    a.putObject("recipient").put("id", "28:genai-pitch-bench").put("name", "genai-pitch");
    a.put("text", text);
    a.putArray("entities").addObject().put("type", "clientInfo").put("locale", "en-US");
    a.putObject("channelData").putObject("tenant").put("id", "tenant-bench");
    return a.toString();
  }
}
