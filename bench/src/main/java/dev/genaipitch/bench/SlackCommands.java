package dev.genaipitch.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slash commands as Slack sends them: form-encoded, signed with the signing secret over {@code
 * v0:timestamp:body} with the current time, so that a long run never goes stale.
 */
final class SlackCommands implements Exchange {

  /** Obviously fake test values: the server under test is started with the same. */
  static final String SIGNING_SECRET = "bench-signing-secret-not-real";

  /**
   * Slack gives every command its own trigger_id, so no two of its requests are alike. So does the
   * bench, across phases and runs in one process: with the phase's sequence number instead, a
   * request could repeat an earlier one byte for byte within the same second, signature included,
   * and the bot then rightly ignored it as a replay (an empty 200, counted as a failure).
   */
  private static final AtomicLong TRIGGERS = new AtomicLong();

  static final String BOT_TOKEN = "xoxb-bench-token-not-real";

  private final String host;
  private final List<String> questions;
  private final ThreadLocal<Mac> mac;

  SlackCommands(String host, List<String> questions) {
    this.host = host;
    this.questions = questions;
    this.mac = ThreadLocal.withInitial(SlackCommands::newMac);
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public byte[] request(long seq, long intendedNanos) {
    String question = questions.get((int) (seq % questions.size()));
    String body =
        "token=bench-verification-token&team_id=T0BENCH&team_domain=bench&channel_id=C0BENCH"
            + "&channel_name=general&user_id=U0ASKER&user_name=ann&command=%2Fgenai-pitch"
            + "&text="
            + URLEncoder.encode(question, StandardCharsets.UTF_8)
            + "&api_app_id=A0BENCH&is_enterprise_install=false"
            + "&response_url="
            + URLEncoder.encode(
                "http://127.0.0.1:9/commands/T0BENCH/" + seq, StandardCharsets.UTF_8)
            + "&trigger_id="
            + TRIGGERS.incrementAndGet()
            + ".bench";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    Mac m = mac.get();
    m.update(("v0:" + now + ":").getBytes(StandardCharsets.UTF_8));
    String signature = "v0=" + HexFormat.of().formatHex(m.doFinal(bytes));
    return RawHttp.post(
        host,
        "/slack/events",
        "application/x-www-form-urlencoded",
        new String[] {
          "X-Slack-Request-Timestamp", Long.toString(now), "X-Slack-Signature", signature
        },
        bytes);
  }

  /** A 200 carrying Block Kit: the answer rides on the acknowledgement. */
  @Override
  public boolean ok(RawHttp.Response response) {
    return response.status() == 200 && contains(response.body(), BLOCKS);
  }

  private static final byte[] BLOCKS = "\"blocks\"".getBytes(StandardCharsets.US_ASCII);

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
