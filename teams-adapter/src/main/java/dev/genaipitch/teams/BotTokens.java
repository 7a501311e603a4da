package dev.genaipitch.teams;

import java.io.IOException;

/** The bot's own access token, which its replies carry to the Bot Connector. */
interface BotTokens {

  /** No token: the Bot Framework Emulator's mode, where replies go unauthenticated. */
  BotTokens NONE = () -> "";

  /**
   * The current token, fetched or renewed when needed; empty when replies carry none.
   *
   * @throws IOException when the token endpoint cannot be reached or refuses; the message is safe
   *     to log (no password, no token)
   */
  String token() throws IOException;
}
