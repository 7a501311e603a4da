package dev.genaipitch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records what the peers answer with: starts {@code ./genai-pitch serve}, asks one question as a
 * signed slash command and as a Teams message, and writes genai-pitch's own answer to {@code
 * bench/peers/fixtures/}: {@code slack-answer.json} (the acknowledgement's body, which the Bolt-JS
 * peer acknowledges with) and {@code teams-reply.json} (the reply activity as it reached the
 * connector, whose text, summary and card the botbuilder-js peer sends). Run again when the answer
 * format changes: {@code java -cp 'bench/target/bench.jar:bench/target/lib/*'
 * dev.genaipitch.bench.PeerFixtures --repo=.}
 */
public final class PeerFixtures {

  /** The question the fixtures answer: the headline use. */
  static final String QUESTION = "do we need both?";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PeerFixtures() {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    Path dir = repo.resolve("bench/peers/fixtures");
    Files.createDirectories(dir);
    List<String> questions = List.of(QUESTION);
    try (FakeRemotes remotes = new FakeRemotes();
        ServerProcess server =
            ServerProcess.start(
                repo.resolve("genai-pitch"),
                remotes,
                null,
                repo.resolve("bench/target/peer-fixtures-server.log"))) {
      server.awaitReady(remotes, questions, 60);
      try (RawHttp http = new RawHttp(server.address(), 10_000)) {
        RawHttp.Response slack =
            http.exchange(new SlackCommands(server.host(), questions).request(1, 0));
        write(dir.resolve("slack-answer.json"), JSON.readTree(slack.body()));
        remotes.keepReplies();
        http.exchange(
            new TeamsActivities(server.host(), questions, remotes, "fixture").request(1, 0));
        ObjectNode reply = (ObjectNode) JSON.readTree(remotes.lastReply());
        // What identifies the one conversation is the peer's to fill in from the activity.
        for (String field :
            List.of("id", "conversation", "from", "recipient", "replyToId", "serviceUrl")) {
          reply.remove(field);
        }
        write(dir.resolve("teams-reply.json"), reply);
      }
    }
    System.err.println("written to " + dir);
  }

  private static void write(Path file, JsonNode json) throws Exception {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
  }
}
