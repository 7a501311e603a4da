package dev.genaipitch.core.practice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An answer read for grading: its words stemmed, each marked with the sentence it is in, whether a
 * negation governs it, and which service the answer is talking about there.
 *
 * <p>Who a word is about follows the way reps talk: a sentence is cut at each service it names, and
 * each piece is about the service that opens it, except the words before the first name, which
 * belong to it too ("use AI quickly: Bedrock"). A sentence naming none continues the one before it,
 * or is about the practice set's default service. "Bedrock and SageMaker" together make a piece
 * about both, which no single service's point can be carried in.
 */
final class AnswerText {

  static final String SENTENCE_END = "\u0000.";
  static final String COMMA = "\u0000,";

  /** Who a word is about. */
  enum About {
    BEDROCK,
    SAGEMAKER,
    BOTH,
    NONE
  }

  /** How far a negation reaches, in words, when no clause boundary stops it first. */
  static final int NEGATION_REACH = 8;

  private static final Set<String> NEGATORS =
      Set.of("not", "no", "never", "without", "nothing", "nobody", "none", "neither", "nor");
  private static final Set<String> NOT_NEGATING_AFTER_NOT =
      Set.of("just", "only", "simply", "merely", "necessarily");
  private static final Set<String> CLAUSE_STARTS =
      Set.of(
          "but",
          "though",
          "although",
          "however",
          "yet",
          "whereas",
          "while",
          "except",
          "so",
          "because",
          "then",
          "instead");
  private static final Set<String> AFTER_COMMA_STARTS =
      Set.of(
          "you",
          "it",
          "they",
          "we",
          "i",
          "that",
          "this",
          "which",
          "and",
          "plus",
          "he",
          "she",
          "there",
          "its",
          "who",
          "where",
          "when",
          "what",
          "if",
          "the",
          "your",
          "security",
          "aws",
          "bedrock",
          "sagemaker");
  private static final Set<String> CONNECTORS = Set.of("and", "or", "vs", "versus", "with");

  final String[] words;
  final String[] stems;
  final int[] sentence;
  final boolean[] negated;
  final boolean[] hypothetical;
  final boolean[] inherited;
  final boolean[] salad;
  final boolean[] commaBefore;
  final About[] about;
  final int sentences;

  private AnswerText(List<String> marked) {
    List<String> ws = new ArrayList<>();
    List<Integer> sent = new ArrayList<>();
    List<Boolean> comma = new ArrayList<>();
    int s = 0;
    boolean pendingComma = false;
    boolean sentenceHasWords = false;
    for (String t : marked) {
      if (t.equals(SENTENCE_END)) {
        if (sentenceHasWords) {
          s++;
          sentenceHasWords = false;
        }
        pendingComma = false;
      } else if (t.equals(COMMA)) {
        pendingComma = true;
      } else {
        ws.add(t);
        sent.add(s);
        comma.add(pendingComma);
        pendingComma = false;
        sentenceHasWords = true;
      }
    }
    int n = ws.size();
    this.words = ws.toArray(new String[0]);
    this.stems = new String[n];
    this.sentence = new int[n];
    this.commaBefore = new boolean[n];
    for (int i = 0; i < n; i++) {
      stems[i] = Words.stem(words[i]);
      sentence[i] = sent.get(i);
      commaBefore[i] = comma.get(i);
    }
    this.sentences = n == 0 ? 0 : sentence[n - 1] + 1;
    this.negated = new boolean[n];
    this.hypothetical = new boolean[n];
    this.inherited = new boolean[n];
    this.salad = new boolean[n];
    this.about = new About[n];
  }

  /**
   * Reads {@code text} with {@code words}; {@code otherwise} is what unnamed sentences are about.
   */
  static AnswerText read(String text, Words words, About otherwise, Set<AnswerGrader.Part> off) {
    AnswerText t = new AnswerText(words.normalize(Words.split(text)));
    if (!off.contains(AnswerGrader.Part.WORD_LISTS)) {
      t.markSalad();
    }
    if (!off.contains(AnswerGrader.Part.NEGATION)) {
      t.markNegations();
    }
    t.markHypotheticals();
    t.markSubjects(otherwise, !off.contains(AnswerGrader.Part.LEAD_INS));
    return t;
  }

  int size() {
    return words.length;
  }

  /** A sentence listing at least this many items, most of them single words, is a word list. */
  static final int SALAD_ITEMS = 6;

  /**
   * Marks sentences that only list terms ("Bedrock, SageMaker, journey, maturity, value,
   * customization: both"): a list of the script's words carries none of its messages.
   */
  private void markSalad() {
    int i = 0;
    while (i < words.length) {
      int end = i;
      while (end < words.length && sentence[end] == sentence[i]) {
        end++;
      }
      int items = 0;
      int single = 0;
      int length = 0;
      for (int j = i; j <= end; j++) {
        if (j == end || (j > i && commaBefore[j])) {
          items++;
          single += length == 1 ? 1 : 0;
          length = 0;
        }
        length++;
      }
      if (items >= SALAD_ITEMS && single * 10 >= items * 6) {
        for (int j = i; j < end; j++) {
          salad[j] = true;
        }
      }
      i = end;
    }
  }

  /** The words of an answer in {from, to}, for traces. */
  String slice(int[] r) {
    return String.join(" ", java.util.Arrays.asList(words).subList(r[0], r[1]));
  }

  /**
   * Marks "if" clauses ("if it ever becomes your core research problem, ..."): a condition is not a
   * claim, so what it says cannot contradict the script.
   */
  private void markHypotheticals() {
    for (int i = 0; i < words.length; i++) {
      if (!words[i].equals("if") && !words[i].equals("unless")) {
        continue;
      }
      for (int j = i + 1; j < words.length && sentence[j] == sentence[i]; j++) {
        if (commaBefore[j] || words[j].equals("then")) {
          break;
        }
        hypothetical[j] = true;
      }
    }
  }

  private void markNegations() {
    for (int i = 0; i < words.length; i++) {
      int start = negatorEnd(i);
      if (start < 0) {
        continue;
      }
      for (int j = start, reach = 0;
          j < words.length && reach < NEGATION_REACH && sentence[j] == sentence[i];
          j++, reach++) {
        if (j > start && (CLAUSE_STARTS.contains(words[j]) || negatorEnd(j) >= 0)) {
          break;
        }
        if (commaBefore[j] && j > start && AFTER_COMMA_STARTS.contains(words[j])) {
          break;
        }
        if (commaBefore[j] && j == start && AFTER_COMMA_STARTS.contains(words[j])) {
          break; // "No, they are ...": the "no" answers the question, it negates nothing here
        }
        if (commaBefore[j] && j > start && (i == 0 || sentence[i - 1] != sentence[i])) {
          break; // "Not competing, different stages": an opening negation ends at its comma
        }
        negated[j] = true;
      }
    }
  }

  /** If a negation starts at {@code i}, the index of the first word it governs; else -1. */
  private int negatorEnd(int i) {
    String w = words[i];
    boolean hasNext = i + 1 < words.length && sentence[i + 1] == sentence[i];
    if (w.equals("not") && hasNext && NOT_NEGATING_AFTER_NOT.contains(words[i + 1])) {
      return -1;
    }
    if (NEGATORS.contains(w)) {
      return i + 1;
    }
    if ((w.equals("rather") || w.equals("instead")) && hasNext) {
      String next = words[i + 1];
      if (next.equals("than") || next.equals("of")) {
        return i + 2;
      }
    }
    return -1;
  }

  private About mention(int i) {
    return switch (words[i]) {
      case "bedrock" -> About.BEDROCK;
      case "sagemaker" -> About.SAGEMAKER;
      default -> null;
    };
  }

  private void markSubjects(About otherwise, boolean leadIns) {
    About carried = otherwise;
    int i = 0;
    while (i < words.length) {
      int s = sentence[i];
      int end = i;
      while (end < words.length && sentence[end] == s) {
        end++;
      }
      List<int[]> mentions = mentions(i, end);
      if (mentions.isEmpty()) {
        for (int j = i; j < end; j++) {
          about[j] = carried;
          inherited[j] = carried != otherwise;
        }
      } else {
        for (int m = 0; m < mentions.size(); m++) {
          int from = m == 0 ? i : mentions.get(m)[0];
          int to = m + 1 < mentions.size() ? mentions.get(m + 1)[0] : end;
          About who = About.values()[mentions.get(m)[2]];
          int handOver = leadIns && m + 1 < mentions.size() ? leadIn(mentions.get(m)[1], to) : to;
          About next = m + 1 < mentions.size() ? About.values()[mentions.get(m + 1)[2]] : who;
          for (int j = from; j < to; j++) {
            about[j] = j < handOver ? who : next;
          }
        }
        carried = About.values()[mentions.get(mentions.size() - 1)[2]];
      }
      i = end;
    }
  }

  private static final Set<String> LEAD_INS =
      Set.of("once", "when", "as", "after", "until", "whenever", "then", "later");

  /**
   * Where a clause that leads in to the next service starts ("..., and once you need governance,
   * layer SageMaker in"; "..., then bring in SageMaker"), or {@code to} when there is none.
   */
  private int leadIn(int from, int to) {
    for (int j = from + 1; j < to; j++) {
      boolean clauseStart = commaBefore[j] || words[j - 1].equals("and");
      if (clauseStart && LEAD_INS.contains(words[j])) {
        return j;
      }
      if (clauseStart && words[j].equals("and") && j + 1 < to && LEAD_INS.contains(words[j + 1])) {
        return j + 1;
      }
    }
    return to;
  }

  /** Mentions in [from, to) as {start, end, About ordinal}; "Bedrock and SageMaker" is BOTH. */
  private List<int[]> mentions(int from, int to) {
    List<int[]> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      About who = mention(i);
      if (who == null) {
        continue;
      }
      int j = i + 1;
      if (j < to && CONNECTORS.contains(words[j])) {
        j++;
      }
      About other = j < to ? mention(j) : null;
      if (other != null && other != who) {
        out.add(new int[] {i, j + 1, About.BOTH.ordinal()});
        i = j;
      } else {
        out.add(new int[] {i, i + 1, who.ordinal()});
      }
    }
    return out;
  }
}
