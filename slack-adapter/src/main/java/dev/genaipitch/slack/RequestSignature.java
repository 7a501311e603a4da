package dev.genaipitch.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature: {@code v0=hex(HmacSHA256(secret, "v0:" + ts + ":" + body))}
 * over the body's exact bytes, with a timestamp no more than five minutes from now either way.
 *
 * <p>Done once at the HTTP edge, before anything is parsed, over the raw bytes: Bolt's own check
 * hashes the body re-encoded with the platform charset, which breaks non-ASCII bodies on machines
 * whose default charset is not UTF-8, and accepts timestamps from the far future.
 */
final class RequestSignature {

  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  /** Why a request was accepted or not. */
  enum Verdict {
    VALID("valid"),
    MISSING("missing X-Slack-Signature or X-Slack-Request-Timestamp"),
    STALE("timestamp more than 5 minutes from now"),
    INVALID("signature does not match");

    final String reason;

    Verdict(String reason) {
      this.reason = reason;
    }
  }

  private final SecretKeySpec key;
  private final Clock clock;

  /**
   * A Mac keyed once, copied for each request: looking the algorithm up among the providers and
   * keying it showed in the profile of a slash command. Null when the provider cannot copy one.
   */
  private final Mac keyed;

  RequestSignature(String signingSecret, Clock clock) {
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.clock = clock;
    this.keyed = copyable(key);
  }

  Verdict check(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
      return Verdict.MISSING;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Verdict.STALE;
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > MAX_SKEW.toSeconds()) {
      return Verdict.STALE;
    }
    byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.INVALID;
  }

  private String sign(String timestamp, byte[] body) {
    try {
      Mac mac = keyed != null ? (Mac) keyed.clone() : newMac(key);
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException | CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static Mac newMac(SecretKeySpec key) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(key);
    return mac;
  }

  private static Mac copyable(SecretKeySpec key) {
    try {
      Mac mac = newMac(key);
      var unused = mac.clone();
      return mac;
    } catch (GeneralSecurityException | CloneNotSupportedException e) {
      return null;
    }
  }
}
