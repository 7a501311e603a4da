package dev.genaipitch.teams;

/**
 * The bot's outgoing credentials with Azure AD faked: every call carries the same made-up token.
 */
final class FakeAzureAdCredentials implements BotTokens {

  static final String TOKEN = "fake-azure-ad-token";

  FakeAzureAdCredentials(String appId) {
    // Any app id: the token does not depend on it here.
  }

  @Override
  public String token() {
    return TOKEN;
  }
}
