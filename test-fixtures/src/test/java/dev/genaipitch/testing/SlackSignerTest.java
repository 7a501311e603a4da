package dev.genaipitch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class SlackSignerTest {

  private static final String SECRET = "test-signing-secret";
  private static final long NOW = 1_700_000_000L;
  private final SlackSigner signer = new SlackSigner(SECRET);
  private final SlackSignature.Verifier verifier =
      new SlackSignature.Verifier(new SlackSignature.Generator(SECRET));

  @Test
  void signature_isWhatBoltsVerifierAccepts() {
    String body = "command=%2Fgenai-pitch&text=do+we+need+both%3F";

    String signature = signer.signature(NOW, body);

    assertThat(verifier.isValid(Long.toString(NOW), body, signature, NOW * 1000)).isTrue();
    assertThat(signer.headers(NOW, body))
        .containsEntry("X-Slack-Request-Timestamp", "1700000000")
        .containsEntry("X-Slack-Signature", signature);
  }

  @Test
  void signature_changesWithTheBodyTheTimeAndTheSecret() {
    String body = "text=hello";

    assertThat(signer.signature(NOW, body))
        .isNotEqualTo(signer.signature(NOW, body + "x"))
        .isNotEqualTo(signer.signature(NOW + 1, body))
        .isNotEqualTo(new SlackSigner("another-secret").signature(NOW, body));
  }

  @Test
  void signature_ofBytesThatAreNotUtf8_isOverTheBytesAsSent() {
    byte[] body = {'t', 'e', 'x', 't', '=', (byte) 0xC3, (byte) 0x28, (byte) 0xFF};
    byte[] other = {'t', 'e', 'x', 't', '=', (byte) 0xC3, (byte) 0x29, (byte) 0xFF};

    assertThat(signer.signature(NOW, body))
        .matches("v0=[0-9a-f]{64}")
        .isEqualTo(signer.signature(NOW, body.clone()))
        .isNotEqualTo(signer.signature(NOW, other));
  }

  @Test
  void signature_ofUtf8Bytes_isTheSignatureOfTheirText() {
    String body = "text=caf\u00e9 \u2014 Bedrock?";

    assertThat(signer.signature(NOW, body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(signer.signature(NOW, body));
  }
}
