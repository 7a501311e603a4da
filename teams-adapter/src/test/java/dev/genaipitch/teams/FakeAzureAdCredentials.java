package dev.genaipitch.teams;

import com.microsoft.bot.connector.authentication.AppCredentials;
import java.util.concurrent.CompletableFuture;

/**
 * The bot's outgoing credentials with Azure AD faked: every call carries the same made-up token.
 */
final class FakeAzureAdCredentials extends AppCredentials {

  static final String TOKEN = "fake-azure-ad-token";

  FakeAzureAdCredentials(String appId) {
    super(null);
    setAppId(appId);
  }

  @Override
  public CompletableFuture<String> getToken() {
    return CompletableFuture.completedFuture(TOKEN);
  }

  @Override
  protected com.microsoft.bot.connector.authentication.Authenticator buildAuthenticator() {
    throw new UnsupportedOperationException("no Azure AD in tests");
  }
}
