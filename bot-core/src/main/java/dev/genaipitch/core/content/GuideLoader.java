package dev.genaipitch.core.content;

import dev.genaipitch.core.Block;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads and validates guide content: one Markdown file per entry, each opening with front matter
 * ({@code id}, {@code title}, {@code summary}, {@code follow-ups}, {@code keywords}, {@code
 * synonyms}, {@code examples}) and then the script's words. Every problem found is reported at
 * once, each with its file and line; nothing half-valid is ever returned.
 */
public final class GuideLoader {

  /** Where the built-in guide lives on the class path. */
  public static final String BUILT_IN_RESOURCE = "/guide";

  private static final Set<String> KEYS =
      Set.of("id", "title", "summary", "follow-ups", "keywords", "synonyms", "examples");
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int MAX_TITLE = 60;
  private static final int MAX_SUMMARY = 150;

  private GuideLoader() {}

  /** The guide shipped inside the application. */
  public static Guide builtIn() throws ContentException {
    return fromResource(GuideLoader.class.getResource(BUILT_IN_RESOURCE));
  }

  /** The guide in a class-path directory: in a jar ({@code jar:} URL) or on disk. */
  static Guide fromResource(URL url) throws ContentException {
    if (url == null) {
      throw new ContentException(
          List.of(
              new ContentProblem(
                  BUILT_IN_RESOURCE, 0, "the built-in guide is missing from the class path")));
    }
    try {
      if ("jar".equals(url.getProtocol())) {
        return parse(readFromJar(url), "built-in");
      }
      return load(Path.of(url.toURI()), "built-in");
    } catch (URISyntaxException | IOException e) {
      throw new ContentException(
          List.of(
              new ContentProblem(
                  BUILT_IN_RESOURCE, 0, "cannot read the built-in guide: " + e.getMessage())));
    }
  }

  /**
   * The {@code *.md} files directly under the jar directory {@code url} names, by file name. Reads
   * through the class loader's own open {@link JarFile} rather than a zip file system, which would
   * cost a fresh JVM (every start) some 50 ms of class loading and set-up.
   */
  private static Map<String, byte[]> readFromJar(URL url) throws IOException {
    JarURLConnection connection = (JarURLConnection) url.openConnection();
    JarFile jar = connection.getJarFile(); // shared with the class loader: not closed here
    String prefix = connection.getEntryName() + "/";
    Map<String, byte[]> contents = new TreeMap<>();
    for (JarEntry entry : Collections.list(jar.entries())) {
      String name = entry.getName();
      if (!entry.isDirectory()
          && name.startsWith(prefix)
          && name.endsWith(".md")
          && (name.indexOf('/', prefix.length()) < 0
              || (name.startsWith(prefix + PracticeParser.DIRECTORY)
                  && name.indexOf('/', prefix.length() + PracticeParser.DIRECTORY.length()) < 0))) {
        try (InputStream in = jar.getInputStream(entry)) {
          contents.put(name.substring(prefix.length()), in.readAllBytes());
        }
      }
    }
    return contents;
  }

  /** The guide in {@code dir}: every {@code *.md} file in it, in file-name order. */
  public static Guide load(Path dir) throws ContentException {
    return load(dir, dir.toString());
  }

  private static Guide load(Path dir, String origin) throws ContentException {
    if (!Files.isDirectory(dir)) {
      throw new ContentException(List.of(new ContentProblem(dir.toString(), 0, "not a directory")));
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(p -> p.getFileName().toString().endsWith(".md"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ContentException(
          List.of(new ContentProblem(dir.toString(), 0, "cannot list: " + e.getMessage())));
    }
    Path practiceDir = dir.resolve(PracticeParser.DIRECTORY);
    if (Files.isDirectory(practiceDir)) {
      try (Stream<Path> listing = Files.list(practiceDir)) {
        files =
            Stream.concat(
                    files.stream(),
                    listing
                        .filter(p -> p.getFileName().toString().endsWith(".md"))
                        .filter(Files::isRegularFile)
                        .sorted())
                .toList();
      } catch (IOException | UncheckedIOException e) {
        throw new ContentException(
            List.of(
                new ContentProblem(practiceDir.toString(), 0, "cannot list: " + e.getMessage())));
      }
    }
    Map<String, byte[]> contents = new LinkedHashMap<>();
    List<ContentProblem> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        contents.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      } catch (IOException e) {
        problems.add(
            new ContentProblem(file.getFileName().toString(), 0, "cannot read: " + e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ContentException(problems);
    }
    return parse(contents, origin);
  }

  /**
   * Parses files given as name to bytes, in the order given.
   *
   * @throws ContentException listing every problem, each with file and line
   */
  public static Guide parse(Map<String, byte[]> files, String origin) throws ContentException {
    List<ContentProblem> problems = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    Map<String, String> practiceFiles = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (file.getKey().startsWith(PracticeParser.DIRECTORY)) {
        String text = decodeUtf8(file.getKey(), file.getValue(), problems);
        if (text != null) {
          practiceFiles.put(file.getKey(), text);
        }
        continue;
      }
      Parsed p = parseFile(file.getKey(), file.getValue(), problems);
      if (p != null) {
        parsed.add(p);
      }
    }
    if (files.size() == practiceFiles.size()) {
      problems.add(new ContentProblem(origin, 0, "no .md content files found"));
    }

    Map<String, Parsed> byId = new LinkedHashMap<>();
    for (Parsed p : parsed) {
      Parsed first = byId.putIfAbsent(p.section.id(), p);
      if (first != null) {
        problems.add(
            new ContentProblem(
                p.section.source(),
                p.idLine,
                "duplicate id '"
                    + p.section.id()
                    + "' (already used in "
                    + first.section.source()
                    + ")"));
      }
    }
    for (String required : List.of(Guide.HELP, Guide.NONE)) {
      if (!byId.containsKey(required) && !files.isEmpty()) {
        problems.add(
            new ContentProblem(
                origin, 0, "no entry with id '" + required + "': add a " + required + ".md file"));
      }
    }
    List<Section> sections = new ArrayList<>();
    for (Parsed p : byId.values()) {
      boolean special = isSpecial(p.section.id());
      if (!special) {
        sections.add(p.section);
      }
      checkFollowUps(p, byId, special, problems);
    }
    if (sections.isEmpty() && !files.isEmpty()) {
      problems.add(new ContentProblem(origin, 0, "no sections: only help and none were found"));
    }
    Map<String, String> synonyms = synonyms(parsed, problems);
    Set<String> sectionIds = new java.util.LinkedHashSet<>();
    sections.forEach(s -> sectionIds.add(s.id()));
    Practice practice = PracticeParser.parse(practiceFiles, sectionIds, problems);
    if (!problems.isEmpty()) {
      throw new ContentException(problems);
    }
    return new Guide(
        sections,
        byId.get(Guide.HELP).section,
        byId.get(Guide.NONE).section,
        synonyms,
        origin,
        practice);
  }

  private static boolean isSpecial(String id) {
    return id.equals(Guide.HELP) || id.equals(Guide.NONE);
  }

  private static void checkFollowUps(
      Parsed p, Map<String, Parsed> byId, boolean special, List<ContentProblem> problems) {
    FrontMatter.Entry entry = p.front.entries().get("follow-ups");
    if (special) {
      if (entry != null) {
        problems.add(
            new ContentProblem(
                p.section.source(), entry.line(), "'" + p.section.id() + "' takes no follow-ups"));
      }
      return;
    }
    if (entry == null) {
      problems.add(
          new ContentProblem(p.section.source(), 1, "missing 'follow-ups' (1 to 3 section ids)"));
      return;
    }
    if (entry.values().isEmpty() || entry.values().size() > 3) {
      problems.add(
          new ContentProblem(
              p.section.source(),
              entry.line(),
              "'follow-ups' needs 1 to 3 section ids, found " + entry.values().size()));
    }
    Set<String> seen = new java.util.HashSet<>();
    for (FrontMatter.Value v : entry.values()) {
      if (!seen.add(v.text())) {
        problems.add(
            new ContentProblem(
                p.section.source(), v.line(), "follow-up '" + v.text() + "' is listed twice"));
        continue;
      }
      Parsed target = byId.get(v.text());
      if (target == null || isSpecial(v.text())) {
        problems.add(
            new ContentProblem(
                p.section.source(),
                v.line(),
                "follow-up '" + v.text() + "' is not a known section id"));
      } else if (v.text().equals(p.section.id())) {
        problems.add(
            new ContentProblem(
                p.section.source(), v.line(), "a section cannot follow up to itself"));
      }
    }
  }

  private static Map<String, String> synonyms(List<Parsed> parsed, List<ContentProblem> problems) {
    Map<String, String> synonyms = new HashMap<>();
    Map<String, String> definedIn = new HashMap<>();
    for (Parsed p : parsed) {
      FrontMatter.Entry entry = p.front.entries().get("synonyms");
      if (entry == null) {
        continue;
      }
      for (FrontMatter.Value v : entry.values()) {
        int eq = v.text().indexOf('=');
        if (eq <= 0 || eq == v.text().length() - 1) {
          problems.add(
              new ContentProblem(
                  p.section.source(),
                  v.line(),
                  "synonym must read 'term = variant, variant', found '" + v.text() + "'"));
          continue;
        }
        String term = v.text().substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
        for (String variant : v.text().substring(eq + 1).split(",")) {
          String key = variant.strip().toLowerCase(java.util.Locale.ROOT);
          if (key.isEmpty()) {
            continue;
          }
          String previous = synonyms.putIfAbsent(key, term);
          String where = p.section.source() + ":" + v.line();
          if (previous != null && !previous.equals(term)) {
            problems.add(
                new ContentProblem(
                    p.section.source(),
                    v.line(),
                    "'"
                        + key
                        + "' is already a synonym of '"
                        + previous
                        + "' ("
                        + definedIn.get(key)
                        + ")"));
          } else {
            definedIn.putIfAbsent(key, where);
          }
        }
      }
    }
    return synonyms;
  }

  private record Parsed(Section section, FrontMatter front, int idLine) {}

  private static Parsed parseFile(String name, byte[] bytes, List<ContentProblem> problems) {
    String text = decodeUtf8(name, bytes, problems);
    if (text == null) {
      return null;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> lines = Arrays.asList(text.split("\r?\n", -1));
    int before = problems.size();
    FrontMatter front = FrontMatter.parse(name, lines, problems);
    if (front == null) {
      return null;
    }
    Map<String, FrontMatter.Entry> entries = front.entries();
    for (FrontMatter.Entry e : entries.values()) {
      if (!KEYS.contains(e.key())) {
        problems.add(
            new ContentProblem(
                name,
                e.line(),
                "unknown key '"
                    + e.key()
                    + "' (known keys: "
                    + String.join(", ", sorted(KEYS))
                    + ")"));
      }
    }
    String id = single(name, entries, "id", problems);
    int idLine = entries.containsKey("id") ? entries.get("id").line() : 1;
    if (id != null && !ID.matcher(id).matches()) {
      problems.add(
          new ContentProblem(
              name,
              idLine,
              "id '" + id + "' must be lower-case words joined by '-', like need-both"));
    }
    String title = single(name, entries, "title", problems);
    if (title != null && title.length() > MAX_TITLE) {
      problems.add(
          new ContentProblem(
              name,
              entries.get("title").line(),
              "title is longer than " + MAX_TITLE + " characters"));
    }
    String summary = single(name, entries, "summary", problems);
    if (summary != null && summary.length() > MAX_SUMMARY) {
      problems.add(
          new ContentProblem(
              name,
              entries.get("summary").line(),
              "summary is longer than " + MAX_SUMMARY + " characters"));
    }
    List<String> examples = list(entries, "examples");
    if (examples.isEmpty() && !Guide.NONE.equals(id)) {
      int line = entries.containsKey("examples") ? entries.get("examples").line() : idLine;
      problems.add(
          new ContentProblem(
              name, line, "no examples: add questions in users' words under 'examples:'"));
    }
    int bodyLine = front.bodyStartIndex() + 1;
    String markdown = String.join("\n", lines.subList(front.bodyStartIndex(), lines.size()));
    MarkdownBlocks.Body body = MarkdownBlocks.parse(markdown, name, bodyLine, problems);
    if (problems.size() > before || id == null) {
      return null;
    }
    List<Block> blocks = body.blocks();
    Section section =
        new Section(
            id,
            title,
            summary,
            body.heading(),
            blocks,
            list(entries, "follow-ups"),
            list(entries, "keywords"),
            examples,
            name);
    return new Parsed(section, front, idLine);
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }

  private static String single(
      String file,
      Map<String, FrontMatter.Entry> entries,
      String key,
      List<ContentProblem> problems) {
    FrontMatter.Entry e = entries.get(key);
    if (e == null || e.values().isEmpty()) {
      problems.add(new ContentProblem(file, e == null ? 1 : e.line(), "missing '" + key + "'"));
      return null;
    }
    if (e.list()) {
      problems.add(new ContentProblem(file, e.line(), "'" + key + "' takes one value, not a list"));
      return null;
    }
    return e.values().get(0).text();
  }

  private static List<String> list(Map<String, FrontMatter.Entry> entries, String key) {
    FrontMatter.Entry e = entries.get(key);
    return e == null ? List.of() : e.values().stream().map(FrontMatter.Value::text).toList();
  }

  /** Strict UTF-8; on a bad byte, reports the line it sits on. */
  private static String decodeUtf8(String file, byte[] bytes, List<ContentProblem> problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes);
      int line = 1;
      for (int i = 0; i < bad && i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      problems.add(
          new ContentProblem(
              file, line, "not valid UTF-8 (byte " + (bad + 1) + "): save the file as UTF-8"));
      return null;
    }
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : bytes.length;
  }
}
