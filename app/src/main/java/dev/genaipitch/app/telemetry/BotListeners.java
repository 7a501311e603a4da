package dev.genaipitch.app.telemetry;

import dev.genaipitch.core.BotListener;
import java.util.List;

/** Several listeners heard as one; one that throws does not keep the others from hearing. */
public final class BotListeners implements BotListener {

  private final List<BotListener> listeners;

  private BotListeners(List<BotListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public static BotListener of(BotListener... listeners) {
    return new BotListeners(List.of(listeners));
  }

  @Override
  public void answered(Asked asked) {
    for (BotListener l : listeners) {
      try {
        l.answered(asked);
      } catch (RuntimeException e) {
        // one broken listener must not silence the rest
      }
    }
  }

  @Override
  public void feedback(String platform, String intent, boolean helpful) {
    for (BotListener l : listeners) {
      try {
        l.feedback(platform, intent, helpful);
      } catch (RuntimeException e) {
        // one broken listener must not silence the rest
      }
    }
  }
}
