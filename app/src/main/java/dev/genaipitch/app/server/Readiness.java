package dev.genaipitch.app.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /readyz} reports: named checks that must all pass for the service to take
 * traffic. {@code serve} registers {@code content}; the Slack adapter registers its start-up token
 * check; stopping adds a check that never passes again.
 *
 * <p>Checks are called on every probe and must be quick; a check that throws counts as failing.
 * Thread-safe.
 */
public final class Readiness {

  private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();

  /**
   * Adds a check.
   *
   * @throws IllegalArgumentException when a check of that name exists
   */
  public void add(String name, BooleanSupplier check) {
    if (checks.putIfAbsent(name, check) != null) {
      throw new IllegalArgumentException("readiness check '" + name + "' is already registered");
    }
  }

  /** The names of the checks that do not pass now, sorted; empty when ready. */
  public List<String> failing() {
    List<String> failing = new ArrayList<>();
    checks.forEach(
        (name, check) -> {
          if (!passes(check)) {
            failing.add(name);
          }
        });
    failing.sort(null);
    return failing;
  }

  boolean ready() {
    return failing().isEmpty();
  }

  private static boolean passes(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
