package dev.genaipitch.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ReadinessTest {

  private final Readiness readiness = new Readiness();

  @Test
  void failing_noChecks_isEmpty() {
    assertThat(readiness.failing()).isEmpty();
    assertThat(readiness.ready()).isTrue();
  }

  @Test
  void failing_namesFailingAndThrowingChecksInOrder() {
    readiness.add("teams", () -> true);
    readiness.add("slack", () -> false);
    readiness.add(
        "content",
        () -> {
          throw new IllegalStateException("broken check");
        });

    assertThat(readiness.failing()).containsExactly("content", "slack");
    assertThat(readiness.ready()).isFalse();
  }

  @Test
  void add_sameNameTwice_isRefused() {
    readiness.add("slack", () -> true);

    assertThatThrownBy(() -> readiness.add("slack", () -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
