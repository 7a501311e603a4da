package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

/** What every answer to hostile input must be, whatever the input. */
final class Verdicts {

  /** A Java stack frame or exception name: never in a response body. */
  private static final Pattern STACK =
      Pattern.compile(
          "\\tat |\\bat"
              + " (java|javax|jdk|sun|com|org|dev)\\.[\\w.$]+\\(|(Exception|Error)(:|\\b\\s*\\n"
              + ")|\\.java:\\d+");

  private Verdicts() {}

  /** A 2xx or 4xx, never a 5xx, and never a stack trace in the body. */
  static Wire.Reply assertHandled(Wire.Reply reply) {
    assertThat(reply.status())
        .as("status of a response with body %s", abbreviate(reply.body()))
        .isBetween(200, 499);
    assertNoStackTrace(reply.body());
    return reply;
  }

  /** Refused with {@code status} and a reason a person can read. */
  static Wire.Reply assertRefused(Wire.Reply reply, int status, String reason) {
    assertHandled(reply);
    assertThat(reply.status())
        .as("status of a response with body %s", abbreviate(reply.body()))
        .isEqualTo(status);
    assertThat(reply.body()).contains(reason);
    return reply;
  }

  /** A 4xx whose body says why (JSON {@code error}/{@code message} or a line of text). */
  static Wire.Reply assertClientError(Wire.Reply reply) {
    assertHandled(reply);
    assertThat(reply.status())
        .as("status of a response with body %s", abbreviate(reply.body()))
        .isBetween(400, 499);
    assertThat(reply.body().strip()).as("the reason given").isNotEmpty();
    return reply;
  }

  static void assertNoStackTrace(String body) {
    assertThat(STACK.matcher(body).find())
        .as("a stack trace or exception in %s", abbreviate(body))
        .isFalse();
  }

  /**
   * No line contains {@code secret}. The failure message names which secret, never its value, so
   * that a failing run does not print it.
   */
  static void assertNoSecret(List<String> lines, String secret, String what) {
    long leaks = lines.stream().filter(line -> line.contains(secret)).count();
    assertThat(leaks).as("log lines carrying the %s", what).isZero();
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
  }
}
