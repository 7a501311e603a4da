package dev.genaipitch.teams;

import dev.genaipitch.testing.FakeBotConnector;

/**
 * One test's Teams conversation with a running bot in Emulator mode (no token checked): Teams on
 * one side, the bot's replies going to a loopback Bot Connector on the other. A test class holds
 * one in an {@code @AutoClose} field, so each test gets a fresh one and closes it after.
 */
final class EmulatorChat implements AutoCloseable {

  final FakeBotConnector connector = new FakeBotConnector();
  final RunningBot bot;
  final FakeTeams teams;

  EmulatorChat() {
    try {
      bot = RunningBot.withoutAuthentication();
    } catch (Exception e) {
      connector.close();
      throw new IllegalStateException("the bot did not start", e);
    }
    teams = new FakeTeams(bot.endpoint(), connector.serviceUrl());
  }

  @Override
  public void close() {
    bot.close();
    connector.close();
  }
}
