package dev.genaipitch.core.content;

import dev.genaipitch.core.Block;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads and validates guide content. A guide is a directory of:
 *
 * <ul>
 *   <li>{@code *.md}: one file per entry, front matter ({@code id}, {@code title}, {@code summary},
 *       {@code follow-ups}, {@code with}) and then the script's words;
 *   <li>{@code examples/<id>.txt}: the questions in users' words that the entry answers, one per
 *       line;
 *   <li>{@code keywords/<id>.txt}: words and phrases that point at the entry, one per line;
 *   <li>{@code synonyms.txt}: {@code term = variant, variant} lines applied to every question;
 *   <li>{@code relations/<kind>.txt}: how people ask, right after an answer, for a kind of
 *       follow-up ("shorter", "and sm?", "for an insurer?"), one message per line; a section's
 *       {@code relations} front matter says what each kind asks for after it ({@code kind: id,
 *       id}).
 * </ul>
 *
 * <p>In the list files, blank lines and lines starting with {@code #} are skipped. Small guides may
 * keep {@code keywords}, {@code synonyms} and {@code examples} as lists in the front matter
 * instead. Every problem found is reported at once, each with its file and line; a problem that
 * only follows from another (a follow-up to a file that failed to load) is not reported again.
 * Nothing half-valid is ever returned.
 */
public final class GuideLoader {

  /** Where the built-in guide lives on the class path. */
  public static final String BUILT_IN_RESOURCE = "/guide";

  static final String EXAMPLES = "examples";
  static final String KEYWORDS = "keywords";
  static final String SYNONYMS_FILE = "synonyms.txt";
  static final String RELATIONS = "relations";
  static final String CONVERSATIONS = "conversations";
  private static final Set<String> CONVERSATION_KINDS =
      Set.of("fragment", "complete", "oos-followup");

  private static final Set<String> KEYS =
      Set.of(
          "id",
          "title",
          "summary",
          "follow-ups",
          "with",
          "relations",
          "parts",
          "brief",
          "keywords",
          "synonyms",
          "examples");
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int MAX_TITLE = 60;
  private static final int MAX_SUMMARY = 150;
  private static final int MAX_COMPANIONS = 2;
  private static final int MAX_RELATED = 4;
  private static final int MAX_BRIEF = 2;

  private GuideLoader() {}

  /** The guide shipped inside the application. */
  public static Guide builtIn() throws ContentException {
    return fromResource(GuideLoader.class.getResource(BUILT_IN_RESOURCE));
  }

  /**
   * Whether the loader reads the file at {@code relative} (a path inside the guide directory, with
   * {@code /} separators): the top-level {@code *.md} files, {@code synonyms.txt}, the {@code
   * *.txt} files directly under {@code examples/}, {@code keywords/} and {@code relations/}, and
   * the practice rounds' {@code *.md} files under {@code practice/}.
   */
  public static boolean isContentFile(String relative) {
    int slash = relative.indexOf('/');
    if (slash < 0) {
      return relative.endsWith(".md") || relative.equals(SYNONYMS_FILE);
    }
    String dir = relative.substring(0, slash + 1);
    String name = relative.substring(slash + 1);
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      return false;
    }
    if (dir.equals(PracticeParser.DIRECTORY)) {
      return name.endsWith(".md");
    }
    return (dir.equals(EXAMPLES + "/")
            || dir.equals(KEYWORDS + "/")
            || dir.equals(RELATIONS + "/")
            || dir.equals(CONVERSATIONS + "/"))
        && name.endsWith(".txt")
        && name.length() > ".txt".length();
  }

  /**
   * The files of {@code dir} that {@link #load(Path)} reads, sorted by their relative names: what a
   * watcher must fingerprint to see every change that matters.
   */
  public static List<Path> contentFiles(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir, 2)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (isContentFile(relativeName(dir, p))) {
          out.add(p);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort((a, b) -> relativeName(dir, a).compareTo(relativeName(dir, b)));
    return out;
  }

  /** {@code file}'s path inside {@code dir}, with {@code /} separators. */
  public static String relativeName(Path dir, Path file) {
    return dir.relativize(file).toString().replace('\\', '/');
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
   * The content files under the jar directory {@code url} names, by relative name. Reads through
   * the class loader's own open {@link JarFile} rather than a zip file system, which would cost a
   * fresh JVM (every start) a noticeable share of its start-up in class loading and set-up.
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
          && isContentFile(name.substring(prefix.length()))) {
        try (InputStream in = jar.getInputStream(entry)) {
          contents.put(name.substring(prefix.length()), in.readAllBytes());
        }
      }
    }
    return contents;
  }

  /** The guide in {@code dir}: its content files (see {@link #isContentFile}), by name. */
  public static Guide load(Path dir) throws ContentException {
    return load(dir, dir.toString());
  }

  private static Guide load(Path dir, String origin) throws ContentException {
    if (!Files.isDirectory(dir)) {
      throw new ContentException(List.of(new ContentProblem(dir.toString(), 0, "not a directory")));
    }
    List<Path> files;
    try {
      files = contentFiles(dir);
    } catch (IOException e) {
      throw new ContentException(
          List.of(new ContentProblem(dir.toString(), 0, "cannot list: " + e.getMessage())));
    }
    Map<String, byte[]> contents = new LinkedHashMap<>();
    List<ContentProblem> problems = new ArrayList<>();
    for (Path file : files) {
      String name = relativeName(dir, file);
      try {
        contents.put(name, Files.readAllBytes(file));
      } catch (IOException e) {
        problems.add(new ContentProblem(name, 0, "cannot read: " + e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ContentException(problems);
    }
    return parse(contents, origin);
  }

  /** A value of a list file or a front-matter list, with where it was written. */
  private record Listed(String text, String file, int line) {}

  /** One entry file: what it declares, and its section when the file is valid. */
  private record Parsed(String file, String id, int idLine, FrontMatter front, Section section) {}

  /**
   * Parses files given as relative name to bytes ({@code a.md}, {@code examples/a.txt}, ...), the
   * entries in the order given.
   *
   * @throws ContentException listing every problem, each with file and line
   */
  public static Guide parse(Map<String, byte[]> files, String origin) throws ContentException {
    List<ContentProblem> problems = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    Map<String, Map<String, List<Listed>>> lists = new HashMap<>();
    lists.put(EXAMPLES, new LinkedHashMap<>());
    lists.put(KEYWORDS, new LinkedHashMap<>());
    Map<String, String> listFiles = new HashMap<>(); // "examples/a" -> file name
    List<Listed> synonymLines = new ArrayList<>();
    Map<String, String> practiceFiles = new TreeMap<>();
    Map<String, List<Listed>> relationFiles = new TreeMap<>(); // kind -> phrasings (null: unread)
    List<Listed> conversationLines = new ArrayList<>();
    boolean anyEntry = false;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      String text = decodeUtf8(name, file.getValue(), problems);
      if (name.startsWith(PracticeParser.DIRECTORY)) {
        if (text != null) {
          practiceFiles.put(name, text);
        }
      } else if (name.endsWith(".md") && name.indexOf('/') < 0) {
        anyEntry = true;
        if (text != null) {
          Parsed p = parseFile(name, text, problems);
          if (p != null) {
            parsed.add(p);
          }
        }
      } else if (name.equals(SYNONYMS_FILE)) {
        if (text != null) {
          synonymLines.addAll(listLines(name, text));
        }
      } else if (name.startsWith(CONVERSATIONS + "/") && isContentFile(name)) {
        if (text != null) {
          conversationLines.addAll(listLines(name, text));
          conversationLines.add(new Listed("", name, 0)); // a file ends its last conversation
        }
      } else if (name.startsWith(RELATIONS + "/") && isContentFile(name)) {
        String kind = name.substring(RELATIONS.length() + 1, name.length() - ".txt".length());
        relationFiles.put(kind, text == null ? null : listLines(name, text));
      } else if (isContentFile(name)) {
        String dir = name.substring(0, name.indexOf('/'));
        String id = name.substring(dir.length() + 1, name.length() - ".txt".length());
        listFiles.put(dir + "/" + id, name);
        lists.get(dir).put(id, text == null ? null : listLines(name, text));
      }
    }
    if (!anyEntry) {
      problems.add(new ContentProblem(origin, 0, "no .md content files found"));
    }

    Map<String, Parsed> byId = new LinkedHashMap<>();
    for (Parsed p : parsed) {
      Parsed first = byId.putIfAbsent(p.id(), p);
      if (first != null) {
        problems.add(
            new ContentProblem(
                p.file(),
                p.idLine(),
                "duplicate id '" + p.id() + "' (already used in " + first.file() + ")"));
      }
    }
    for (String required : List.of(Guide.HELP, Guide.NONE)) {
      if (!byId.containsKey(required) && anyEntry) {
        problems.add(
            new ContentProblem(
                origin, 0, "no entry with id '" + required + "': add a " + required + ".md file"));
      }
    }
    for (String kind : List.of(EXAMPLES, KEYWORDS)) {
      for (String id : lists.get(kind).keySet()) {
        if (!byId.containsKey(id)) {
          problems.add(
              new ContentProblem(
                  listFiles.get(kind + "/" + id),
                  0,
                  "no entry has the id '" + id + "': name the file after an entry's id"));
        }
      }
    }

    List<RelationKind> relationKinds = relationKinds(relationFiles, problems);

    List<Section> sections = new ArrayList<>();
    Section help = null;
    Section none = null;
    Map<String, Listed> taughtBy = new HashMap<>();
    for (Parsed p : byId.values()) {
      boolean special = isSpecial(p.id());
      checkReferences(p, "follow-ups", 1, 3, byId, special, problems);
      checkReferences(p, "with", 0, MAX_COMPANIONS, byId, special, problems);
      List<Relation> relations = relations(p, byId, relationFiles.keySet(), special, problems);
      List<SectionPart> parts = parts(p, byId, special, problems);
      List<Block> brief = brief(p, relations, special, problems);
      if (p.section() == null) {
        continue; // its own problems are reported; nothing follows from it
      }
      List<Listed> examples = new ArrayList<>(frontList(p, "examples"));
      List<Listed> ownExamples = lists.get(EXAMPLES).get(p.id());
      if (ownExamples != null) {
        examples.addAll(ownExamples);
      }
      List<Listed> keywords = new ArrayList<>(frontList(p, "keywords"));
      List<Listed> ownKeywords = lists.get(KEYWORDS).get(p.id());
      if (ownKeywords != null) {
        keywords.addAll(ownKeywords);
      }
      boolean unreadable =
          lists.get(EXAMPLES).containsKey(p.id()) && lists.get(EXAMPLES).get(p.id()) == null;
      if (examples.isEmpty() && !p.id().equals(Guide.NONE) && !unreadable) {
        problems.add(
            new ContentProblem(
                p.file(),
                p.idLine(),
                "no examples: add questions in users' words to "
                    + EXAMPLES
                    + "/"
                    + p.id()
                    + ".txt, one per line"));
      }
      checkTaughtOnce(p.id(), examples, taughtBy, problems);
      Section s = p.section();
      Section complete =
          new Section(
              s.id(),
              s.title(),
              s.summary(),
              s.heading(),
              s.blocks(),
              s.followUps(),
              s.companions(),
              keywords.stream().map(Listed::text).toList(),
              examples.stream().map(Listed::text).toList(),
              s.source(),
              relations,
              parts,
              brief);
      if (p.id().equals(Guide.HELP)) {
        help = complete;
      } else if (p.id().equals(Guide.NONE)) {
        none = complete;
      } else {
        sections.add(complete);
      }
    }
    if (!byId.isEmpty() && byId.keySet().stream().allMatch(GuideLoader::isSpecial)) {
      problems.add(new ContentProblem(origin, 0, "no sections: only help and none were found"));
    }
    List<Listed> allSynonyms = new ArrayList<>();
    for (Parsed p : parsed) {
      allSynonyms.addAll(frontList(p, "synonyms"));
    }
    allSynonyms.addAll(synonymLines);
    Map<String, String> synonyms = synonyms(allSynonyms, problems);
    Set<String> sectionIds = new java.util.LinkedHashSet<>();
    byId.keySet().stream().filter(id -> !isSpecial(id)).forEach(sectionIds::add);
    Practice practice = PracticeParser.parse(practiceFiles, sectionIds, problems);
    List<FollowUpExample> followUpExamples = conversations(conversationLines, byId, problems);
    if (!problems.isEmpty() || help == null || none == null) {
      throw new ContentException(problems);
    }
    return new Guide(
        sections, help, none, synonyms, origin, practice, relationKinds, followUpExamples);
  }

  /**
   * The kinds of follow-up, from {@code relations/<kind>.txt}: each named like an id, with at least
   * one phrasing, and a phrasing teaching one kind only.
   */
  private static List<RelationKind> relationKinds(
      Map<String, List<Listed>> files, List<ContentProblem> problems) {
    List<RelationKind> kinds = new ArrayList<>();
    Map<String, Listed> taughtBy = new HashMap<>();
    for (Map.Entry<String, List<Listed>> e : files.entrySet()) {
      String file = RELATIONS + "/" + e.getKey() + ".txt";
      if (e.getValue() == null) {
        continue; // not UTF-8: reported where it was read
      }
      if (!ID.matcher(e.getKey()).matches()) {
        problems.add(
            new ContentProblem(
                file,
                0,
                "a kind of follow-up is named like an id: lower-case words joined by '-', like"
                    + " other-side"));
        continue;
      }
      if (e.getValue().isEmpty()) {
        problems.add(
            new ContentProblem(
                file, 0, "no phrasings: add how people ask for this follow-up, one per line"));
        continue;
      }
      for (Listed phrasing : e.getValue()) {
        Listed first = taughtBy.putIfAbsent(normalized(phrasing.text()), phrasing);
        if (first != null && !first.file().equals(phrasing.file())) {
          problems.add(
              new ContentProblem(
                  phrasing.file(),
                  phrasing.line(),
                  "this phrasing is already in "
                      + first.file()
                      + ":"
                      + first.line()
                      + "; one phrasing can teach only one kind of follow-up"));
        }
      }
      kinds.add(new RelationKind(e.getKey(), e.getValue().stream().map(Listed::text).toList()));
    }
    return kinds;
  }

  /**
   * A section's {@code relations}: {@code kind: id, id} lines, each kind known (a file in {@code
   * relations/}) and written once, each id a known section listed once, 1 to {@value #MAX_RELATED}
   * of them. A section may name itself ("why though" after the opening asks for the opening's own
   * reason), {@code none} says the script does not answer that kind of follow-up ("and what does
   * that cost a month?"), and {@code help} answers it with the menu ("thanks, super helpful").
   */
  private static List<Relation> relations(
      Parsed p,
      Map<String, Parsed> byId,
      Set<String> kinds,
      boolean special,
      List<ContentProblem> problems) {
    FrontMatter.Entry entry =
        listEntry(p, "relations", "- kind: section-id, section-id", special, problems);
    if (entry == null) {
      return List.of();
    }
    List<Relation> out = new ArrayList<>();
    Map<String, Integer> kindLine = new HashMap<>();
    for (FrontMatter.Value v : entry.values()) {
      int colon = v.text().indexOf(':');
      String kind = colon < 0 ? "" : v.text().substring(0, colon).strip();
      List<String> ids = new ArrayList<>();
      if (colon >= 0) {
        for (String id : v.text().substring(colon + 1).split(",")) {
          if (!id.isBlank()) {
            ids.add(id.strip());
          }
        }
      }
      if (kind.isEmpty() || ids.isEmpty()) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "a relation reads 'kind: section-id, section-id', found '" + v.text() + "'"));
        continue;
      }
      if (!kinds.contains(kind)) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "unknown kind of follow-up '"
                    + kind
                    + "' (known: "
                    + (kinds.isEmpty() ? "none; add " + RELATIONS + "/" + kind + ".txt" : kinds)
                    + ")"));
        continue;
      }
      Integer first = kindLine.putIfAbsent(kind, v.line());
      if (first != null) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "relation '" + kind + "' appears twice (first on line " + first + ")"));
        continue;
      }
      if (ids.size() > MAX_RELATED) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "relation '"
                    + kind
                    + "' names "
                    + ids.size()
                    + " sections; at most "
                    + MAX_RELATED));
      }
      Set<String> seen = new HashSet<>();
      boolean valid = true;
      for (String id : ids) {
        if (!seen.add(id)) {
          problems.add(
              new ContentProblem(
                  p.file(), v.line(), "relation '" + kind + "' lists '" + id + "' twice"));
          valid = false;
        } else if (!byId.containsKey(id)) {
          problems.add(
              new ContentProblem(
                  p.file(),
                  v.line(),
                  "relation '"
                      + kind
                      + "': '"
                      + id
                      + "' is not a known section id (or help: the menu; none: the script does not"
                      + " say)"));
          valid = false;
        }
      }
      if (valid) {
        out.add(new Relation(kind, ids));
      }
    }
    return out;
  }

  /**
   * A section's {@code parts}: {@code words: id} lines, the words found in the section's own text
   * (case, punctuation and markup aside) and written once, the id another known section.
   */
  private static List<SectionPart> parts(
      Parsed p, Map<String, Parsed> byId, boolean special, List<ContentProblem> problems) {
    FrontMatter.Entry entry =
        listEntry(p, "parts", "- words of the text: section-id", special, problems);
    if (entry == null) {
      return List.of();
    }
    String text =
        p.section() == null ? null : " " + normalized(String.join(" ", p.section().lines())) + " ";
    List<SectionPart> out = new ArrayList<>();
    Map<String, Integer> wordsLine = new HashMap<>();
    for (FrontMatter.Value v : entry.values()) {
      int colon = v.text().lastIndexOf(':');
      String words = colon < 0 ? "" : v.text().substring(0, colon).strip();
      String id = colon < 0 ? "" : v.text().substring(colon + 1).strip();
      if (words.isEmpty() || id.isEmpty()) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "a part reads 'words of the text: section-id', found '" + v.text() + "'"));
        continue;
      }
      if (!byId.containsKey(id) || isSpecial(id) || id.equals(p.id())) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "part '"
                    + words
                    + "': '"
                    + id
                    + "' is not another known section id (the section that holds it in full)"));
        continue;
      }
      if (text != null && !text.contains(" " + normalized(words) + " ")) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "part '" + words + "' is not in the text of '" + p.id() + "': quote its words"));
        continue;
      }
      Integer first = wordsLine.putIfAbsent(normalized(words), v.line());
      if (first != null) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "part '" + words + "' appears twice (first on line " + first + ")"));
        continue;
      }
      out.add(new SectionPart(words, id));
    }
    return out;
  }

  /**
   * A section's {@code brief}, its short form: one line of its text, or two (a pair, such as the
   * two definitions), each word for word as the script has it (its quotation marks aside). A
   * section whose {@code shorter} relation names itself must have one: a conversation that asks for
   * the section shown "shorter" gets it, not the same long text again. The lines as blocks, in the
   * script's order of the entry: lines of one quote stay one quote.
   */
  private static List<Block> brief(
      Parsed p, List<Relation> relations, boolean special, List<ContentProblem> problems) {
    FrontMatter.Entry entry =
        listEntry(p, "brief", "- a line of the section's text, word for word", special, problems);
    boolean needed =
        !special
            && relations.stream()
                .anyMatch(r -> r.kind().equals("shorter") && r.sections().contains(p.id()));
    if (entry == null) {
      if (needed && p.section() != null && p.front().entries().get("brief") == null) {
        problems.add(
            new ContentProblem(
                p.file(),
                p.idLine(),
                "'shorter' names '"
                    + p.id()
                    + "' itself: declare its short form, 'brief:' with one or two of its lines"));
      }
      return List.of();
    }
    if (entry.values().isEmpty() || entry.values().size() > MAX_BRIEF) {
      problems.add(
          new ContentProblem(
              p.file(),
              entry.line(),
              "'brief' is one line of the section's text, or two; found " + entry.values().size()));
      return List.of();
    }
    if (p.section() == null) {
      return List.of();
    }
    List<BriefLines.Line> lines = BriefLines.of(p.section().blocks());
    List<BriefLines.Line> chosen = new ArrayList<>();
    for (FrontMatter.Value v : entry.values()) {
      BriefLines.Line found = BriefLines.find(lines, v.text());
      if (found == null) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                "brief line '"
                    + v.text()
                    + "' is not a line of the text of '"
                    + p.id()
                    + "': copy one line of the script, word for word"));
      } else if (chosen.contains(found)) {
        problems.add(
            new ContentProblem(p.file(), v.line(), "brief line '" + v.text() + "' appears twice"));
      } else {
        chosen.add(found);
      }
    }
    return chosen.size() == entry.values().size() ? BriefLines.blocks(chosen) : List.of();
  }

  /**
   * The labelled conversations of {@code conversations/*.txt}: each starts with a {@code
   * [fragment]}, {@code [complete]} or {@code [oos-followup]} line (what its last message is), then
   * one {@code id, id | message} line per message, oldest first, the ids the entries that answer it
   * right. Each message after the first becomes an example read after the section shown before it.
   */
  private static List<FollowUpExample> conversations(
      List<Listed> lines, Map<String, Parsed> byId, List<ContentProblem> problems) {
    List<FollowUpExample> out = new ArrayList<>();
    String kind = null;
    Listed header = null;
    boolean broken = false;
    List<Listed> turns = new ArrayList<>();
    List<List<String>> answers = new ArrayList<>();
    for (Listed line : lines) {
      String text = line.text();
      boolean ends = text.isEmpty() || text.startsWith("[");
      if (ends && header != null) {
        if (!broken && turns.size() < 2) {
          problems.add(
              new ContentProblem(
                  header.file(), header.line(), "a conversation needs at least two messages"));
        } else if (!broken) {
          String after = null;
          for (int i = 0; i < turns.size(); i++) {
            if (after != null) {
              out.add(
                  new FollowUpExample(
                      after,
                      turns.get(i).text(),
                      answers.get(i),
                      kind.equals("complete") && i == turns.size() - 1,
                      turns.get(i).file() + ":" + turns.get(i).line()));
            }
            String shown = answers.get(i).get(0);
            if (!isSpecial(shown)) {
              after = shown;
            }
          }
        }
        header = null;
      }
      if (text.isEmpty()) {
        continue;
      }
      if (text.startsWith("[")) {
        String k = text.endsWith("]") ? text.substring(1, text.length() - 1).strip() : "";
        if (!CONVERSATION_KINDS.contains(k)) {
          problems.add(
              new ContentProblem(
                  line.file(),
                  line.line(),
                  "a conversation starts with [fragment], [complete] or [oos-followup], found '"
                      + text
                      + "'"));
          continue;
        }
        kind = k;
        header = line;
        broken = false;
        turns.clear();
        answers.clear();
        continue;
      }
      int bar = text.indexOf('|');
      List<String> ids = new ArrayList<>();
      if (bar > 0) {
        for (String id : text.substring(0, bar).split(",")) {
          if (!id.isBlank()) {
            ids.add(id.strip());
          }
        }
      }
      String message = bar < 0 ? "" : text.substring(bar + 1).strip();
      if (header == null) {
        problems.add(
            new ContentProblem(
                line.file(),
                line.line(),
                "a message outside a conversation: start one with [fragment]"));
      } else if (ids.isEmpty() || message.isEmpty()) {
        problems.add(
            new ContentProblem(
                line.file(),
                line.line(),
                "a message reads 'entry-id, entry-id | the message', found '" + text + "'"));
        broken = true;
      } else {
        String unknown = ids.stream().filter(id -> !byId.containsKey(id)).findFirst().orElse(null);
        if (unknown != null) {
          problems.add(
              new ContentProblem(
                  line.file(), line.line(), "'" + unknown + "' is not a known entry id"));
          broken = true;
        } else {
          turns.add(new Listed(message, line.file(), line.line()));
          answers.add(ids);
        }
      }
    }
    return out;
  }

  private static boolean isSpecial(String id) {
    return id.equals(Guide.HELP) || id.equals(Guide.NONE);
  }

  /** The non-blank, non-comment lines of a list file, each with its line number. */
  private static List<Listed> listLines(String file, String text) {
    List<Listed> out = new ArrayList<>();
    List<String> lines = lines(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        out.add(new Listed(line, file, i + 1));
      }
    }
    return out;
  }

  /**
   * A section's front-matter list {@code key}, or null when it has none or it is refused (reported
   * in {@code problems}): a special entry takes none, and the value must be a list of {@code line}
   * lines.
   */
  private static FrontMatter.Entry listEntry(
      Parsed p, String key, String line, boolean special, List<ContentProblem> problems) {
    FrontMatter.Entry entry = p.front() == null ? null : p.front().entries().get(key);
    if (entry == null) {
      return null;
    }
    if (special) {
      problems.add(new ContentProblem(p.file(), entry.line(), "'" + p.id() + "' takes no " + key));
      return null;
    }
    if (!entry.list()) {
      problems.add(
          new ContentProblem(
              p.file(), entry.line(), "'" + key + "' is a list of '" + line + "' lines"));
      return null;
    }
    return entry;
  }

  private static List<Listed> frontList(Parsed p, String key) {
    FrontMatter.Entry e = p.front() == null ? null : p.front().entries().get(key);
    if (e == null) {
      return List.of();
    }
    return e.values().stream().map(v -> new Listed(v.text(), p.file(), v.line())).toList();
  }

  /**
   * One question teaches one entry: the same question (ignoring case and punctuation) under two
   * entries would teach the matcher both, so the second place is reported.
   */
  private static void checkTaughtOnce(
      String id, List<Listed> examples, Map<String, Listed> taughtBy, List<ContentProblem> out) {
    Map<String, String> owner = new HashMap<>();
    for (Listed example : examples) {
      String key = normalized(example.text());
      Listed first = taughtBy.get(key);
      if (first == null) {
        taughtBy.put(key, example);
        owner.put(key, id);
      } else if (!first.file().equals(example.file()) && !owner.containsKey(key)) {
        out.add(
            new ContentProblem(
                example.file(),
                example.line(),
                "this question is already an example in "
                    + first.file()
                    + ":"
                    + first.line()
                    + "; one question can teach only one entry"));
      }
    }
  }

  /**
   * The lines of {@code text}, split where {@code text.split("\\r?\\n", -1)} splits (a line feed,
   * with the carriage return before it), without a regular expression: the example files are read
   * at every start.
   */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', start)) {
      int end = lf > start && text.charAt(lf - 1) == '\r' ? lf - 1 : lf;
      out.add(text.substring(start, end));
      start = lf + 1;
    }
    out.add(text.substring(start));
    return out;
  }

  /**
   * {@code text} in lower case with each run of characters that are neither letters nor numbers
   * ({@code [^\\p{L}\\p{N}]+}) turned into one space, stripped: how two examples are compared. By
   * hand rather than with the regular expression: every example of the guide goes through it at
   * every start.
   */
  static String normalized(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    boolean gap = false;
    for (int i = 0; i < lower.length(); ) {
      int c = lower.codePointAt(i);
      i += Character.charCount(c);
      if (isLetterOrNumber(c)) {
        if (gap) {
          out.append(' ');
          gap = false;
        }
        out.appendCodePoint(c);
      } else {
        gap = true;
      }
    }
    if (gap) {
      out.append(' ');
    }
    return out.toString().strip();
  }

  /** {@code \\p{L}} or {@code \\p{N}}: the Unicode letter and number categories. */
  private static boolean isLetterOrNumber(int c) {
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  /**
   * Checks a list of section ids ({@code follow-ups}, {@code with}): known sections, not the entry
   * itself, each once, between {@code min} and {@code max} of them. A reference to a file that
   * failed to load is not reported: that file's own problem is the one to fix.
   */
  private static void checkReferences(
      Parsed p,
      String key,
      int min,
      int max,
      Map<String, Parsed> byId,
      boolean special,
      List<ContentProblem> problems) {
    if (p.front() == null) {
      return;
    }
    FrontMatter.Entry entry = p.front().entries().get(key);
    String what = key.equals("with") ? "companion" : "follow-up";
    if (special) {
      if (entry != null) {
        problems.add(
            new ContentProblem(p.file(), entry.line(), "'" + p.id() + "' takes no " + key));
      }
      return;
    }
    if (entry == null) {
      if (min > 0) {
        problems.add(
            new ContentProblem(
                p.file(), 1, "missing '" + key + "' (" + min + " to " + max + " section ids)"));
      }
      return;
    }
    int count = entry.values().size();
    if (count < Math.max(1, min) || count > max) {
      problems.add(
          new ContentProblem(
              p.file(),
              entry.line(),
              "'"
                  + key
                  + "' needs "
                  + Math.max(1, min)
                  + " to "
                  + max
                  + " section ids, found "
                  + count));
    }
    Set<String> seen = new HashSet<>();
    for (FrontMatter.Value v : entry.values()) {
      if (!seen.add(v.text())) {
        problems.add(
            new ContentProblem(p.file(), v.line(), what + " '" + v.text() + "' is listed twice"));
        continue;
      }
      Parsed target = byId.get(v.text());
      if (target == null || isSpecial(v.text())) {
        problems.add(
            new ContentProblem(
                p.file(), v.line(), what + " '" + v.text() + "' is not a known section id"));
      } else if (v.text().equals(p.id())) {
        problems.add(
            new ContentProblem(
                p.file(),
                v.line(),
                key.equals("with")
                    ? "a section cannot be its own companion"
                    : "a section cannot follow up to itself"));
      }
    }
  }

  private static Map<String, String> synonyms(List<Listed> lines, List<ContentProblem> problems) {
    Map<String, String> synonyms = new HashMap<>();
    Map<String, String> definedIn = new HashMap<>();
    for (Listed v : lines) {
      int eq = v.text().indexOf('=');
      if (eq <= 0 || eq == v.text().length() - 1) {
        problems.add(
            new ContentProblem(
                v.file(),
                v.line(),
                "synonym must read 'term = variant, variant', found '" + v.text() + "'"));
        continue;
      }
      String term = v.text().substring(0, eq).strip().toLowerCase(Locale.ROOT);
      for (String variant : v.text().substring(eq + 1).split(",")) {
        String key = variant.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
          continue;
        }
        String previous = synonyms.putIfAbsent(key, term);
        if (previous != null && !previous.equals(term)) {
          problems.add(
              new ContentProblem(
                  v.file(),
                  v.line(),
                  "'"
                      + key
                      + "' is already a synonym of '"
                      + previous
                      + "' ("
                      + definedIn.get(key)
                      + ")"));
        } else {
          definedIn.putIfAbsent(key, v.file() + ":" + v.line());
        }
      }
    }
    return synonyms;
  }

  private static Parsed parseFile(String name, String decoded, List<ContentProblem> problems) {
    String text = decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
    List<String> lines = lines(text);
    int before = problems.size();
    FrontMatter front = FrontMatter.parse(name, lines, problems);
    if (front == null) {
      String declared = FrontMatter.declaredId(lines);
      return declared == null ? null : new Parsed(name, declared, 1, null, null);
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
    int bodyLine = front.bodyStartIndex() + 1;
    String markdown = String.join("\n", lines.subList(front.bodyStartIndex(), lines.size()));
    MarkdownBlocks.Body body = MarkdownBlocks.parse(markdown, name, bodyLine, problems);
    if (id == null) {
      return null;
    }
    if (problems.size() > before) {
      return new Parsed(name, id, idLine, front, null);
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
            list(entries, "with"),
            List.of(),
            List.of(),
            name);
    return new Parsed(name, id, idLine, front, section);
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

  /** Strict UTF-8; on a bad byte, reports the line and column it sits at. */
  private static String decodeUtf8(String file, byte[] bytes, List<ContentProblem> problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // The common case first: decoding with replacement is far cheaper than the strict decoder, and
    // a text without U+FFFD in it had nothing to replace, so the strict one would read the same.
    String lenient = new String(bytes, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      decoder.flush(out);
      out.flip();
      return out.toString();
    }
    out.flip();
    String good = out.toString();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < good.length(); i++) {
      if (good.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = good.codePointCount(lineStart, good.length()) + 1;
    int bad = bytes[in.position()] & 0xff;
    problems.add(
        new ContentProblem(
            file,
            line,
            column,
            String.format("not valid UTF-8 (byte 0x%02X): save the file as UTF-8", bad)));
    return null;
  }
}
