package dev.genaipitch.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request whose whole body has arrived, as the {@link HttpEdge} hands it to an {@link
 * HttpEndpoint}: no I/O is left to do, so reading it never blocks.
 *
 * @param method the request method, as sent
 * @param path the URI's path, undecoded
 * @param query the URI's raw query, or empty
 * @param headers every header, names in lower case, values in the order sent
 * @param body the body's exact bytes (empty when there was none)
 * @param remoteAddress the client's address as the connection shows it (a proxy's, behind one)
 * @param loopback whether the connection comes from this machine
 */
public record HttpCall(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    String remoteAddress,
    boolean loopback) {

  public HttpCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query;
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    remoteAddress = remoteAddress == null ? "" : remoteAddress;
  }

  /** The first value of a header (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Whether the request carries this header at all. */
  public boolean has(String name) {
    return headers.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** The query's parameters, decoded as UTF-8, in the order given. */
  public Map<String, List<String>> queryParameters() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      try {
        parameters
            .computeIfAbsent(decode(kv[0]), k -> new ArrayList<>())
            .add(kv.length > 1 ? decode(kv[1]) : "");
      } catch (IllegalArgumentException e) {
        // A broken escape: the pair is left out, as a form parser would.
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
