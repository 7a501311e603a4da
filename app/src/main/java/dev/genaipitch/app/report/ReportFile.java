package dev.genaipitch.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's optional JSON Lines file (REPORT_FILE). Each unanswered question and each feedback
 * click is one line, appended on a background executor so that no user waits on the disk:
 *
 * <pre>
 * (one object per line; the first is wrapped here)
 * {"type":"unanswered","time":"2025-05-01T09:30:00Z","platform":"slack",
 *  "question":"what does lambda cost?","answer":"none","score":0.12}
 * {"type":"feedback","time":"2025-05-01T09:31:00Z","platform":"teams","section":"need-both","helpful":true}
 * </pre>
 *
 * The file is opened, appended to and closed for every line, so it can be rotated or removed at any
 * time. {@link #read} rebuilds a report from it.
 */
public final class ReportFile {

  /** What reading a file found. */
  public record ReadResult(long records, long skipped) {}

  private static final Logger LOG = LoggerFactory.getLogger(ReportFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUESTION = 1000;
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Path path;
  private final Executor writer;
  private final AtomicLong dropped = new AtomicLong();
  private boolean failing;

  /**
   * @param writer runs the appends, one at a time and in order (a single thread in production)
   */
  public ReportFile(Path path, Executor writer) {
    this.path = path;
    this.writer = writer;
  }

  Path path() {
    return path;
  }

  /** Lines that could not be written (queue full or disk errors). */
  public long dropped() {
    return dropped.get();
  }

  void unanswered(Instant at, String platform, String question, String answer, double score) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "unanswered");
    line.put("time", at.toString());
    line.put("platform", platform);
    line.put(
        "question",
        question.length() > MAX_QUESTION ? question.substring(0, MAX_QUESTION) : question);
    line.put("answer", answer);
    line.put("score", Math.round(score * 1000) / 1000.0);
    append(line);
  }

  void feedback(Instant at, String platform, String section, boolean helpful) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "feedback");
    line.put("time", at.toString());
    line.put("platform", platform);
    line.put("section", section);
    line.put("helpful", helpful);
    append(line);
  }

  private void append(ObjectNode line) {
    byte[] bytes;
    try {
      bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      dropped.incrementAndGet();
      return;
    }
    try {
      writer.execute(() -> write(bytes));
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
    }
  }

  private synchronized void write(byte[] bytes) {
    try {
      Files.write(
          path,
          bytes,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
      if (failing) {
        failing = false;
        LOG.info("report file {} is writable again", path);
      }
    } catch (IOException e) {
      dropped.incrementAndGet();
      if (!failing) {
        failing = true;
        LOG.warn(
            "cannot append to report file {} ({}); records are dropped until it is writable",
            path,
            e.toString());
      }
    }
  }

  /**
   * Adds every record in {@code file} to {@code into}; lines that are not records are skipped.
   *
   * @throws IOException when the file cannot be read
   */
  public static ReadResult read(Path file, UnansweredReport into) throws IOException {
    long records = 0;
    long skipped = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        if (readLine(line, into)) {
          records++;
        } else {
          skipped++;
        }
      }
    }
    return new ReadResult(records, skipped);
  }

  private static boolean readLine(String line, UnansweredReport into) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        return false;
      }
      String type = node.path("type").asText();
      if (type.equals("unanswered") && node.path("question").isTextual()) {
        Instant at = Instant.parse(node.path("time").asText());
        String answer = node.path("answer").asText("none");
        into.record(
            node.path("question").asText(),
            at,
            ID.matcher(answer).matches() ? answer : "other",
            node.path("score").asDouble());
        return true;
      }
      if (type.equals("feedback") && node.path("helpful").isBoolean()) {
        String section = node.path("section").asText();
        into.count(
            ID.matcher(section).matches() && section.length() <= 64 ? section : "other",
            node.path("helpful").asBoolean());
        return true;
      }
      return false;
    } catch (JsonProcessingException | DateTimeException e) {
      return false;
    }
  }
}
