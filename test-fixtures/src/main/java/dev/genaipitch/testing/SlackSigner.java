package dev.genaipitch.testing;

import com.slack.api.app_backend.SlackSignature;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request body as Slack does ({@code X-Slack-Signature}, {@code
 * X-Slack-Request-Timestamp}): the tests' one way to sign, made by Bolt's own {@link
 * SlackSignature.Generator} so that they sign exactly as Slack's SDK says Slack does.
 */
public final class SlackSigner {

  public static final String TIMESTAMP_HEADER =
      SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP;
  public static final String SIGNATURE_HEADER = SlackSignature.HeaderNames.X_SLACK_SIGNATURE;

  private final String secret;
  private final SlackSignature.Generator generator;

  public SlackSigner(String secret) {
    this.secret = secret;
    this.generator = new SlackSignature.Generator(secret);
  }

  /** {@code v0=hex(HmacSHA256(secret, "v0:" + ts + ":" + body))}, Bolt's generator's answer. */
  public String signature(long epochSeconds, String body) {
    return signature(epochSeconds, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The signature over the bytes as sent. Bolt's generator takes a String and encodes it with the
   * platform's default charset: a body that it cannot reproduce byte for byte (bytes that are not
   * UTF-8, as a fuzzer sends, or a non-ASCII body where the default charset is not UTF-8) is signed
   * over its bytes with the same HMAC instead, which is what Slack signs.
   */
  public String signature(long epochSeconds, byte[] body) {
    return generatorReproduces(body)
        .map(text -> generator.generate(Long.toString(epochSeconds), text))
        .orElseGet(() -> hmac(epochSeconds, body));
  }

  /** The two headers Slack sends with {@code body} at {@code epochSeconds}. */
  public Map<String, String> headers(long epochSeconds, String body) {
    return headers(epochSeconds, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The two headers Slack sends with {@code body} at {@code epochSeconds}. */
  public Map<String, String> headers(long epochSeconds, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TIMESTAMP_HEADER, Long.toString(epochSeconds));
    headers.put(SIGNATURE_HEADER, signature(epochSeconds, body));
    return headers;
  }

  /** The body as the String whose default-charset bytes are exactly {@code body}, if any. */
  private static Optional<String> generatorReproduces(byte[] body) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      return Arrays.equals(text.getBytes(Charset.defaultCharset()), body)
          ? Optional.of(text)
          : Optional.empty();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private String hmac(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + epochSeconds + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
