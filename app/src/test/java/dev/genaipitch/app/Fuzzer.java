package dev.genaipitch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeSlack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the fuzzer's requests: request {@code i} depends only on the seed and {@code i} (and the
 * fakes' port numbers inside the bodies), so any one request can be rebuilt from the two numbers.
 *
 * <p>Most requests start from a valid one (a signed Slack command, event or click; a Teams message,
 * click, invoke or conversation update) and mutate it: bytes flipped, inserted, deleted, duplicated
 * or truncated, fields duplicated, odd tokens spliced in; then they are signed in one of several
 * ways (re-signed, so that they pass the signature check and reach the parser; the original
 * signature; a stale one; none; garbage) and sent with the right content type or a wrong one,
 * sometimes with huge headers, another method or another path. The rest are random bytes, random
 * methods and paths, and raw HTTP/1.1 framing that no client library would send.
 *
 * <p>Nothing generated may make the bot call anything but the loopback fakes: a mutated Teams
 * activity whose serviceUrl would change, or a re-signed Slack body with any URL but the fake's, is
 * generated again (see {@link #staysOnLoopback}).
 */
final class Fuzzer {

  /** One generated request: through the HTTP client, or raw bytes on a socket of its own. */
  record Request(
      int index,
      String description,
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      byte[] raw) {
    boolean isRaw() {
      return raw != null;
    }

    int size() {
      return isRaw() ? raw.length : body == null ? 0 : body.length;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private static final String[] QUESTIONS = {
    "do we need both?",
    "what is the difference between bedrock and sagemaker",
    "give me the analogy",
    "exec summary",
    "help",
    "",
    "how much does lambda cost",
    "<!channel> <!here> <@U123> <https://evil.example|click>",
    "&lt;!channel&gt; &amp; more",
    "\u202Edo we need both?\u202C",
    "do\u200B we\u200C need\u200D both\uFEFF?",
    "d\u0337o\u0336 w\u0335e\u0334 n\u0338e\u0337e\u0336d\u0335",
    "🤖 do we need both? 👨‍👩‍👧‍👦 🇺🇸",
    "هل نحتاج كليهما",
    "do we need\u0000 both?",
    "<at>genai-pitch</at> <script>alert(1)</script>",
  };

  private static final String[] TOKENS = {
    "%ED%A0%80",
    "%00",
    "%zz",
    "%",
    "%C0%AF",
    "%FF%FE",
    "\\ud800",
    "\\u0000",
    "\\",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    "[[[[[[[[[[[[",
    "]]]]",
    "null",
    "true",
    "1e999999",
    "-0",
    "NaN",
    "&",
    "=",
    "&&==",
    "+",
    "\r\n",
    "\u0000",
    "💥",
    "\u202E",
    "<!channel>",
    "payload=",
    "command=%2Fgenai-pitch",
    "type",
    "\"type\":\"invoke\"",
    "\"value\":null",
    ",\"name\":\"composeExtension/query\"",
    "\"event\":{}",
    "\"actions\":[]",
    "\"text\":{}",
    "99999999999999999999",
  };

  private static final String[] CONTENT_TYPES = {
    null,
    "text/plain",
    "application/json",
    "application/x-www-form-urlencoded",
    "application/json; charset=utf-16",
    "application/x-www-form-urlencoded; charset=iso-8859-1",
    "multipart/form-data; boundary=----x",
    "application/xml",
    "*/*",
    ";;;",
    "application/json; charset=nonsense",
    "x".repeat(300),
  };

  private static final String[] METHODS = {
    "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "post", "P0ST", "PROPFIND"
  };

  private static final String[] PATHS = {
    "/",
    "/slack/events/",
    "/slack/events/x",
    "/slack//events",
    "/%73lack/events",
    "/slack/events/../../api/messages",
    "/api/messages/",
    "/api/messages?x=1",
    "/api/messages;jsessionid=1",
    "/api/messages?payload=%7B%7D",
    "/API/MESSAGES",
    "/healthz",
    "/readyz",
    "/metrics",
    "/report",
    "/nope",
    "/..%2f..%2fetc/passwd",
    "/%00",
    "/%e2%80%ae",
    "/index.html",
    "/slack/events?ssl_check=1",
  };

  private final long seed;
  private final String slackBase;
  private final String connectorUrl;
  private final int port;
  private final long timestamp;
  private final List<Base> slackCorpus = new ArrayList<>();
  private final List<Base> teamsCorpus = new ArrayList<>();
  private final List<Base> playgroundCorpus = new ArrayList<>();

  /** A valid request to start from. */
  private record Base(String kind, String path, String contentType, byte[] body) {}

  /**
   * @param slackBase the fake Slack's {@code http://127.0.0.1:PORT}: the only URL re-signed bodies
   *     may hold
   * @param connectorUrl the fake connector's serviceUrl: the only one Teams activities may hold
   * @param timestamp the epoch second Slack requests are signed at (the service's clock)
   */
  Fuzzer(
      long seed,
      int port,
      String slackBase,
      String connectorUrl,
      long timestamp,
      SlackSide slack,
      TeamsSide teams) {
    this.seed = seed;
    this.port = port;
    this.slackBase = slackBase;
    this.connectorUrl = connectorUrl;
    this.timestamp = timestamp;
    buildCorpus(slack, teams);
  }

  /** Request {@code index}, the same for the same seed. */
  Request generate(int index) {
    for (int attempt = 0; ; attempt++) {
      SplittableRandom random =
          new SplittableRandom(mix(seed + GOLDEN * index + attempt * 0x632BE59BD9B4E019L));
      Request request = generate(index, random);
      if (staysOnLoopback(request)) {
        return request;
      }
    }
  }

  private Request generate(int index, SplittableRandom r) {
    int roll = r.nextInt(100);
    if (roll < 45) {
      return slack(index, r);
    }
    if (roll < 84) {
      return teams(index, r);
    }
    if (roll < 88) {
      return playground(index, r);
    }
    if (roll < 95) {
      return random(index, r);
    }
    return raw(index, r);
  }

  // ---- Slack

  private Request slack(int index, SplittableRandom r) {
    Base base = pick(slackCorpus, r);
    StringBuilder what = new StringBuilder("slack " + base.kind());
    byte[] body = base.body();
    if (r.nextInt(10) < 8) {
      body = mutate(body, r, what);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int sign = r.nextInt(10);
    long ts = timestamp;
    if (sign < 5) {
      what.append(", re-signed");
      headers.putAll(SlackSide.signed(ts, body));
    } else if (sign < 7) {
      what.append(", signature of the original");
      headers.putAll(SlackSide.signed(ts, base.body()));
    } else if (sign == 7) {
      what.append(", unsigned");
    } else if (sign == 8) {
      what.append(", stale");
      headers.putAll(SlackSide.signed(ts - 301 - r.nextInt(100_000), body));
    } else {
      what.append(", garbage signature");
      headers.put(
          "X-Slack-Request-Timestamp",
          r.nextBoolean() ? Long.toString(ts) : ascii(r, 1 + r.nextInt(30)));
      headers.put("X-Slack-Signature", "v0=" + ascii(r, r.nextInt(80)));
    }
    if (r.nextInt(20) == 0) {
      headers.put("X-Slack-Retry-Num", Integer.toString(r.nextInt(5)));
      headers.put("X-Slack-Retry-Reason", "http_timeout");
    }
    return finish(index, r, what, base.path(), base.contentType(), headers, body);
  }

  // ---- Teams

  private Request teams(int index, SplittableRandom r) {
    Base base = pick(teamsCorpus, r);
    StringBuilder what = new StringBuilder("teams " + base.kind());
    byte[] body = base.body();
    if (r.nextInt(10) < 8) {
      body = mutate(body, r, what);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (r.nextInt(10) == 0) {
      headers.put(
          "Authorization",
          r.nextBoolean() ? "Bearer " + ascii(r, r.nextInt(200)) : ascii(r, r.nextInt(50)));
      what.append(", junk Authorization");
    }
    return finish(index, r, what, base.path(), base.contentType(), headers, body);
  }

  // ---- the playground's API

  private Request playground(int index, SplittableRandom r) {
    Base base = pick(playgroundCorpus, r);
    StringBuilder what = new StringBuilder("playground " + base.kind());
    byte[] body = base.body();
    if (r.nextInt(10) < 8) {
      body = mutate(body, r, what);
    }
    return finish(index, r, what, base.path(), base.contentType(), new LinkedHashMap<>(), body);
  }

  /** Content type, method, path and extra headers: mostly right, sometimes not. */
  private Request finish(
      int index,
      SplittableRandom r,
      StringBuilder what,
      String path,
      String contentType,
      Map<String, String> headers,
      byte[] body) {
    String type = contentType;
    if (r.nextInt(10) < 2) {
      type = CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
      what.append(", content type ").append(type == null ? "none" : abbreviate(type));
    }
    if (type != null) {
      headers.put("Content-Type", type);
    }
    String method = "POST";
    if (r.nextInt(20) == 0) {
      method = METHODS[r.nextInt(METHODS.length)];
      what.append(", method ").append(method);
    }
    String target = path;
    if (r.nextInt(20) == 0) {
      target = PATHS[r.nextInt(PATHS.length)];
      what.append(", path ").append(target);
    }
    int extra = r.nextInt(40);
    if (extra == 0) {
      headers.put("X-Huge", "h".repeat(4_000 + r.nextInt(40_000)));
      what.append(", huge header");
    } else if (extra == 1) {
      for (int i = 0; i < 50 + r.nextInt(150); i++) {
        headers.put("X-Many-" + i, ascii(r, 1 + r.nextInt(40)));
      }
      what.append(", many headers");
    } else if (extra == 2) {
      headers.put("Accept-Encoding", "gzip, deflate, br, " + ascii(r, 20));
      headers.put("Accept", ascii(r, 30));
      what.append(", odd Accept headers");
    }
    return new Request(index, what.toString(), method, target, headers, body, null);
  }

  // ---- random requests

  private Request random(int index, SplittableRandom r) {
    StringBuilder what = new StringBuilder("random");
    String method = r.nextInt(3) == 0 ? "POST" : METHODS[r.nextInt(METHODS.length)];
    String path;
    int p = r.nextInt(10);
    if (p < 4) {
      path = PATHS[r.nextInt(PATHS.length)];
    } else if (p < 6) {
      path = r.nextBoolean() ? SlackSide.PATH : TeamsSide.PATH;
    } else if (p < 9) {
      path =
          "/"
              + URLEncoder.encode(utf8(r, 1 + r.nextInt(60)), StandardCharsets.UTF_8)
                  .replace("+", "%20");
    } else {
      path = "/" + "a".repeat(2_000 + r.nextInt(20_000));
    }
    byte[] body = bytes(r, r.nextInt(10) == 0 ? r.nextInt(300_000) : r.nextInt(3_000));
    what.append(' ')
        .append(method)
        .append(' ')
        .append(abbreviate(path))
        .append(", ")
        .append(body.length)
        .append(" random bytes");
    Map<String, String> headers = new LinkedHashMap<>();
    String type = CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
    if (type != null) {
      headers.put("Content-Type", type);
    }
    return new Request(index, what.toString(), method, path, headers, body, null);
  }

  // ---- raw HTTP

  private Request raw(int index, SplittableRandom r) {
    String slackBody = new String(pick(slackCorpus, r).body(), StandardCharsets.ISO_8859_1);
    String teamsBody = new String(pick(teamsCorpus, r).body(), StandardCharsets.ISO_8859_1);
    String host = "Host: 127.0.0.1:" + port + "\r\n";
    String close = "Connection: close\r\n";
    String text;
    String what;
    switch (r.nextInt(17)) {
      case 0 -> {
        what = "raw random bytes";
        text = new String(bytes(r, 1 + r.nextInt(2_000)), StandardCharsets.ISO_8859_1);
      }
      case 1 -> {
        what = "raw negative Content-Length";
        text =
            "POST /slack/events HTTP/1.1\r\n"
                + host
                + close
                + "Content-Length: -1\r\n\r\n"
                + slackBody;
      }
      case 2 -> {
        what = "raw Content-Length past Long.MAX_VALUE";
        text =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "Content-Length: 99999999999999999999\r\n\r\n"
                + teamsBody;
      }
      case 3 -> {
        what = "raw two different Content-Lengths";
        text =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "Content-Length: 5\r\nContent-Length: "
                + teamsBody.length()
                + "\r\n\r\n"
                + teamsBody;
      }
      case 4 -> {
        what = "raw Content-Length and chunked";
        text =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(teamsBody.length())
                + "\r\n"
                + teamsBody
                + "\r\n0\r\n\r\n";
      }
      case 5 -> {
        what = "raw bad chunk size";
        text =
            "POST /slack/events HTTP/1.1\r\n"
                + host
                + close
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
                + slackBody
                + "\r\n0\r\n\r\n";
      }
      case 6 -> {
        what = "raw chunk size overflow";
        text =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\nab\r\n";
      }
      case 7 -> {
        what = "raw header without a colon";
        text =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "Content-Type application/json\r\nContent-Length: "
                + teamsBody.length()
                + "\r\n\r\n"
                + teamsBody;
      }
      case 8 -> {
        what = "raw obsolete line folding";
        text =
            "POST /slack/events HTTP/1.1\r\n"
                + host
                + close
                + "X-Slack-Signature: v0=\r\n  abc\r\nContent-Length: "
                + slackBody.length()
                + "\r\n\r\n"
                + slackBody;
      }
      case 9 -> {
        what = "raw HTTP/0.9";
        text = "GET /healthz\r\n\r\n";
      }
      case 10 -> {
        what = "raw HTTP/2 preface";
        text =
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
                + new String(bytes(r, r.nextInt(100)), StandardCharsets.ISO_8859_1);
      }
      case 11 -> {
        what = "raw invalid percent-encoding in the path";
        text =
            "POST /slack/events%ZZ%ED%A0%80 HTTP/1.1\r\n"
                + host
                + close
                + "Content-Length: 0\r\n\r\n";
      }
      case 12 -> {
        what = "raw 20 KB request line";
        text = "GET /" + "x".repeat(20_000) + " HTTP/1.1\r\n" + host + close + "\r\n";
      }
      case 13 -> {
        what = "raw NUL and controls in headers";
        text =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "X-Bad: a\u0000b\u0007c\r\nContent-Length: "
                + teamsBody.length()
                + "\r\n\r\n"
                + teamsBody;
      }
      case 15 -> {
        String target = POST_TARGETS[r.nextInt(POST_TARGETS.length)];
        what = "raw bad chunk size to " + target;
        text =
            "POST "
                + target
                + " HTTP/1.1\r\n"
                + host
                + close
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + ascii(r, 1 + r.nextInt(6)).replace("\r", "").replace("\n", "")
                + "\r\n"
                + teamsBody
                + "\r\n0\r\n\r\n";
      }
      case 14 -> {
        what = "raw body shorter than announced";
        text =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "Content-Type: application/json\r\nContent-Length: "
                + (teamsBody.length() + 1 + r.nextInt(5_000))
                + "\r\n\r\n"
                + teamsBody;
      }
      default -> {
        what = "raw mutated request";
        String request =
            "POST /api/messages HTTP/1.1\r\n"
                + host
                + close
                + "Content-Type: application/json\r\nContent-Length: "
                + teamsBody.length()
                + "\r\n\r\n"
                + teamsBody;
        StringBuilder mutations = new StringBuilder();
        text =
            new String(
                mutate(request.getBytes(StandardCharsets.ISO_8859_1), r, mutations),
                StandardCharsets.ISO_8859_1);
        what += mutations;
      }
    }
    return new Request(
        index, what, "RAW", "", Map.of(), null, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  // ---- mutation

  private byte[] mutate(byte[] original, SplittableRandom r, StringBuilder what) {
    byte[] b = original;
    int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 8 : 3);
    for (int i = 0; i < n; i++) {
      int op = r.nextInt(11);
      int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      switch (op) {
        case 0 -> {
          if (b.length > 0) {
            b = b.clone();
            int k = r.nextInt(b.length);
            b[k] ^= (byte) (1 << r.nextInt(8));
            what.append(", bit flipped at ").append(k);
          }
        }
        case 1 -> {
          if (b.length > 0) {
            b = b.clone();
            int k = r.nextInt(b.length);
            b[k] = (byte) r.nextInt(256);
            what.append(", byte set at ").append(k);
          }
        }
        case 2 -> {
          byte[] insert = bytes(r, 1 + r.nextInt(16));
          b = splice(b, at, at, insert);
          what.append(", ").append(insert.length).append(" bytes inserted at ").append(at);
        }
        case 3 -> {
          int end = Math.min(b.length, at + 1 + r.nextInt(64));
          b = splice(b, at, end, new byte[0]);
          what.append(", deleted ").append(at).append("..").append(end);
        }
        case 4 -> {
          b = Arrays.copyOf(b, at);
          what.append(", truncated at ").append(at);
        }
        case 5 -> {
          int end = Math.min(b.length, at + 1 + r.nextInt(200));
          byte[] copy = Arrays.copyOfRange(b, at, end);
          int to = b.length == 0 ? 0 : r.nextInt(b.length + 1);
          b = splice(b, to, to, copy);
          what.append(", copied ").append(at).append("..").append(end).append(" to ").append(to);
        }
        case 6, 7 -> {
          String token = TOKENS[r.nextInt(TOKENS.length)];
          b = splice(b, at, at, token.getBytes(StandardCharsets.UTF_8));
          what.append(", '").append(printable(token)).append("' inserted at ").append(at);
        }
        case 8 -> {
          b = duplicateField(b, r, what);
        }
        case 9 -> {
          if (r.nextInt(8) == 0 && b.length > 0) {
            int end = Math.min(b.length, at + 1 + r.nextInt(40));
            byte[] unit = Arrays.copyOfRange(b, Math.min(at, end - 1), end);
            int times =
                1_000 + r.nextInt(unit.length == 0 ? 1 : Math.max(1, 200_000 / unit.length));
            byte[] big = new byte[unit.length * times];
            for (int t = 0; t < times; t++) {
              System.arraycopy(unit, 0, big, t * unit.length, unit.length);
            }
            b = splice(b, at, at, big);
            what.append(", ").append(big.length).append(" repeated bytes inserted at ").append(at);
          }
        }
        default -> {
          b = swapCase(b, r, what);
        }
      }
    }
    return b;
  }

  /**
   * Repeats a form pair ({@code &key=value}) or a JSON member ({@code "key":value,}), with a
   * changed value half the time.
   */
  private byte[] duplicateField(byte[] b, SplittableRandom r, StringBuilder what) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    if (s.startsWith("{")) {
      String[] keys = {
        "type",
        "text",
        "event",
        "event_id",
        "channelId",
        "conversation",
        "recipient",
        "value",
        "name",
        "id",
        "entities",
        "from",
        "channel",
        "user",
        "actions"
      };
      String key = keys[r.nextInt(keys.length)];
      String value =
          switch (r.nextInt(6)) {
            case 0 -> "null";
            case 1 -> "\"" + printable(QUESTIONS[r.nextInt(QUESTIONS.length)]) + "\"";
            case 2 -> "{}";
            case 3 -> "[]";
            case 4 -> Long.toString(r.nextLong());
            default -> "\"message\"";
          };
      String member = "\"" + key + "\":" + value + ",";
      int at = r.nextBoolean() ? 1 : s.length() > 2 ? 1 + r.nextInt(s.length() - 1) : 1;
      what.append(", JSON member ").append(key).append(" repeated");
      return splice(
          b,
          Math.min(at, b.length),
          Math.min(at, b.length),
          member.getBytes(StandardCharsets.UTF_8));
    }
    String[] pairs = s.split("&");
    String pair = pairs[r.nextInt(pairs.length)];
    if (r.nextBoolean() && pair.contains("=")) {
      pair =
          pair.substring(0, pair.indexOf('=') + 1)
              + URLEncoder.encode(QUESTIONS[r.nextInt(QUESTIONS.length)], StandardCharsets.UTF_8);
    }
    what.append(", form pair ")
        .append(abbreviate(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair))
        .append(" repeated");
    return (s + "&" + pair).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] swapCase(byte[] b, SplittableRandom r, StringBuilder what) {
    if (b.length == 0) {
      return b;
    }
    byte[] out = b.clone();
    int at = r.nextInt(out.length);
    int end = Math.min(out.length, at + 1 + r.nextInt(20));
    for (int k = at; k < end; k++) {
      char c = (char) (out[k] & 0xff);
      if (Character.isLetter(c) && c < 0x80) {
        out[k] =
            (byte) (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
      }
    }
    what.append(", case swapped ").append(at).append("..").append(end);
    return out;
  }

  // ---- staying on loopback

  /**
   * Whether the bot, given this request, can only ever call the fakes. A Teams activity's
   * serviceUrl is read exactly as the adapter reads it (the same Jackson, the same tree); a body
   * that will pass Slack's signature check may mention no URL but the fake Slack's, in any of the
   * forms Bolt decodes (form encoding, JSON escapes).
   */
  boolean staysOnLoopback(Request request) {
    if (request.isRaw()) {
      // Framing decides where a raw body starts and ends: judge every byte as text.
      return serviceUrlIsTheFake(rawBody(request.raw())) && mentionsOnlyTheFakes(request.raw());
    }
    byte[] body = request.body();
    if (body == null) {
      return true;
    }
    if (!serviceUrlIsTheFake(body)) {
      return false;
    }
    return !request.headers().containsKey("X-Slack-Signature") || mentionsOnlyTheFakes(body);
  }

  private boolean serviceUrlIsTheFake(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      return true;
    }
    if (root == null
        || !root.isObject()
        || !root.has("serviceUrl")
        || !root.get("serviceUrl").isTextual()) {
      return true;
    }
    return root.get("serviceUrl").asText().equals(connectorUrl);
  }

  private boolean mentionsOnlyTheFakes(byte[] body) {
    List<String> allowed = new ArrayList<>();
    for (String url : List.of(slackBase + "/", connectorUrl)) {
      String lower = url.toLowerCase(Locale.ROOT);
      allowed.add(lower);
      allowed.add(URLEncoder.encode(lower, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }
    for (String text :
        List.of(
            new String(body, StandardCharsets.ISO_8859_1),
            new String(body, StandardCharsets.UTF_8))) {
      String decoded = lenientUrlDecode(text);
      for (String form : List.of(text, decoded, jsonUnescape(text), jsonUnescape(decoded))) {
        String lower = form.toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf("http"); at >= 0; at = lower.indexOf("http", at + 1)) {
          int from = at;
          if (allowed.stream().noneMatch(prefix -> lower.startsWith(prefix, from))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The body of a raw request: what follows the first blank line (or everything). */
  private static byte[] rawBody(byte[] raw) {
    String s = new String(raw, StandardCharsets.ISO_8859_1);
    int end = s.indexOf("\r\n\r\n");
    return end < 0 ? raw : Arrays.copyOfRange(raw, end + 4, raw.length);
  }

  /** Decodes %XX and '+' as a form decoder would, keeping malformed escapes as they are. */
  static String lenientUrlDecode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      byte c = in[i];
      if (c == '%'
          && i + 2 < in.length
          && hex((char) in[i + 1]) >= 0
          && hex((char) in[i + 2]) >= 0) {
        out[n++] = (byte) (hex((char) in[i + 1]) * 16 + hex((char) in[i + 2]));
        i += 2;
      } else {
        out[n++] = c == '+' ? (byte) ' ' : c;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /** Undoes JSON's {@code \\uXXXX} and {@code \\/} escapes, as Gson reads strings. */
  static String jsonUnescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        out.append('/');
        i++;
      } else if (c == '\\'
          && i + 5 < s.length()
          && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
          && s.substring(i + 2, i + 6).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
        out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  // ---- sending

  /**
   * Sends a raw request on a socket of its own and returns the status line's code, or 0 when none
   * came.
   */
  static int sendRaw(int port, byte[] bytes, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server may answer and close before reading everything
      }
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      int n = 0;
      try {
        while (n < head.length) {
          int read = in.read(head, n, head.length - n);
          if (read < 0) {
            break;
          }
          n += read;
        }
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // reset by the server: what was read is the answer
      }
      String status = new String(head, 0, n, StandardCharsets.ISO_8859_1);
      if (n == 12 && status.startsWith("HTTP/1.") && Character.isDigit(status.charAt(9))) {
        return Integer.parseInt(status.substring(9, 12));
      }
      return 0;
    }
  }

  // ---- corpus

  /** Every POST endpoint the edge serves. */
  private static final String[] POST_TARGETS = {
    "/slack/events", "/api/messages", "/playground/ask", "/playground/feedback"
  };

  private void buildCorpus(SlackSide slack, TeamsSide teams) {
    for (String q : QUESTIONS) {
      ObjectNode ask = new ObjectMapper().createObjectNode().put("question", q);
      playgroundCorpus.add(
          new Base("ask", "/playground/ask", "application/json", utf8(ask.toString())));
    }
    for (String intent : List.of("need-both", "analogy", "help", "none", "made-up")) {
      ObjectNode feedback =
          new ObjectMapper().createObjectNode().put("intent", intent).put("helpful", true);
      playgroundCorpus.add(
          new Base(
              "feedback", "/playground/feedback", "application/json", utf8(feedback.toString())));
    }
    for (String q : QUESTIONS) {
      slackCorpus.add(
          new Base(
              "slash command",
              SlackSide.PATH,
              SlackSide.FORM,
              utf8(slack.commandBody("/genai-pitch", q))));
    }
    slackCorpus.add(
        new Base(
            "renamed command",
            SlackSide.PATH,
            SlackSide.FORM,
            utf8(slack.commandBody("/pitch", "exec summary"))));
    for (int i = 0; i < 4; i++) {
      String q = QUESTIONS[i];
      slackCorpus.add(
          new Base(
              "app_mention",
              SlackSide.PATH,
              SlackSide.JSON_TYPE,
              utf8(
                  slack.eventBody(
                      "EvFUZZM" + i, slack.mention("<@" + FakeSlack.BOT_USER + "> " + q)))));
      slackCorpus.add(
          new Base(
              "direct message",
              SlackSide.PATH,
              SlackSide.JSON_TYPE,
              utf8(slack.eventBody("EvFUZZD" + i, slack.directMessage(q)))));
    }
    slackCorpus.add(
        new Base(
            "app_home_opened",
            SlackSide.PATH,
            SlackSide.JSON_TYPE,
            utf8(slack.eventBody("EvFUZZH", slack.homeOpened()))));
    ObjectNode unknown =
        JSON.createObjectNode()
            .put("type", "reaction_added")
            .put("user", SlackSide.ASKER)
            .put("reaction", "+1");
    slackCorpus.add(
        new Base(
            "reaction_added",
            SlackSide.PATH,
            SlackSide.JSON_TYPE,
            utf8(slack.eventBody("EvFUZZR", unknown))));
    String open = "{\"i\":\"need-both\",\"s\":\"p\"}";
    String share = "{\"i\":\"need-both\",\"q\":\"do we need both?\",\"s\":\"p\"}";
    slackCorpus.add(
        new Base(
            "share click",
            SlackSide.PATH,
            SlackSide.FORM,
            utf8(SlackSide.interactionBody(slack.blockActions("post_in_channel", share)))));
    slackCorpus.add(
        new Base(
            "open click",
            SlackSide.PATH,
            SlackSide.FORM,
            utf8(SlackSide.interactionBody(slack.blockActions("open_topic.closest.0", open)))));
    slackCorpus.add(
        new Base(
            "feedback click",
            SlackSide.PATH,
            SlackSide.FORM,
            utf8(SlackSide.interactionBody(slack.blockActions("feedback.yes", share)))));
    slackCorpus.add(
        new Base(
            "url_verification",
            SlackSide.PATH,
            SlackSide.JSON_TYPE,
            utf8("{\"token\":\"t\",\"challenge\":\"c0ffee\",\"type\":\"url_verification\"}")));
    slackCorpus.add(
        new Base(
            "ssl_check",
            SlackSide.PATH,
            SlackSide.FORM,
            utf8("ssl_check=1&token=legacy-verification-token")));

    for (String q : QUESTIONS) {
      teamsCorpus.add(
          new Base(
              "personal message",
              TeamsSide.PATH,
              "application/json",
              utf8(teams.personal(q).toString())));
    }
    for (int i = 0; i < 4; i++) {
      teamsCorpus.add(
          new Base(
              "channel mention",
              TeamsSide.PATH,
              "application/json",
              utf8(teams.channelMention(QUESTIONS[i]).toString())));
    }
    ObjectNode unmentioned = teams.activity("message", "groupChat", "19:group@thread.v2");
    unmentioned.put("text", "do we need both?");
    teamsCorpus.add(
        new Base(
            "group chat message",
            TeamsSide.PATH,
            "application/json",
            utf8(unmentioned.toString())));
    ObjectNode click = teams.activity("message", "channel", TeamsSide.CHANNEL);
    click.putObject("value").put("action", "open").put("intent", "need-both");
    teamsCorpus.add(
        new Base("open click", TeamsSide.PATH, "application/json", utf8(click.toString())));
    ObjectNode feedback = teams.activity("message", "personal", TeamsSide.PERSONAL);
    feedback
        .putObject("value")
        .put("action", "feedback")
        .put("intent", "need-both")
        .put("helpful", true);
    teamsCorpus.add(
        new Base("feedback click", TeamsSide.PATH, "application/json", utf8(feedback.toString())));
    ObjectNode added = teams.activity("conversationUpdate", "channel", TeamsSide.CHANNEL);
    added.putArray("membersAdded").addObject().put("id", TeamsSide.BOT_ID);
    teamsCorpus.add(
        new Base("bot added", TeamsSide.PATH, "application/json", utf8(added.toString())));
    teamsCorpus.add(
        new Base(
            "search",
            TeamsSide.PATH,
            "application/json",
            utf8(teams.search("analogy").toString())));
    teamsCorpus.add(
        new Base(
            "typing",
            TeamsSide.PATH,
            "application/json",
            utf8(teams.activity("typing", "personal", TeamsSide.PERSONAL).toString())));
  }

  // ---- randomness

  private static <T> T pick(List<T> list, SplittableRandom r) {
    return list.get(r.nextInt(list.size()));
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  /** Printable ASCII, safe for any header value. */
  private static String ascii(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) (0x21 + r.nextInt(0x7e - 0x21)));
    }
    return sb.toString();
  }

  private static String utf8(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(r.nextInt(4) == 0 ? 0x80 + r.nextInt(0x2FFFF) : 0x20 + r.nextInt(0x5f));
    }
    return sb.toString().replaceAll("[\\x{D800}-\\x{DFFF}]", "?");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }

  private static String abbreviate(String s) {
    String p = printable(s);
    return p.length() <= 60 ? p : p.substring(0, 60) + "…(" + s.length() + ")";
  }

  /** SplitMix64's finalizer: neighbouring seeds give unrelated streams. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
