package dev.genaipitch.core.match;

import dev.genaipitch.core.content.*;
import dev.genaipitch.core.eval.*;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.*;
import java.nio.file.*;
import java.util.*;

/**
 * Experiment, not part of the build (docs/matching.md, "A sentence-embedding model as a second
 * signal"): the quantized all-MiniLM-L6-v2 model, in process through langchain4j's ONNX runtime,
 * scored alone (nearest content example per class) and mixed with the matcher's softmax,
 * p = (1 - w) softmax + w embedding, for several w, with the matcher's own decision rule. It sits
 * in the matcher's package and reads its private fields by reflection, to weigh the very same
 * probabilities the matcher does.
 *
 * <p>Run from the repository root after {@code mvn -q -o package -pl bot-core -DskipTests}: see
 * the README beside this file.
 */
public class EmbeddingSignal {
  public static void main(String[] a) throws Exception {
    long t0 = System.nanoTime();
    var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    model.embed("warm up");
    long load = System.nanoTime() - t0;
    System.out.printf("model load + first embed: %d ms; RSS %s%n", load / 1_000_000, rss());
    Guide g = GuideLoader.builtIn();
    IntentMatcher m = IntentMatcher.build(g);
    List<Section> entries = QuestionReader.entries(g);
    List<String> classes = entries.stream().map(Section::id).toList();
    // content vectors (as a build step would compute and ship them)
    List<float[]> vecs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Path cache = Path.of("target/content-vectors.bin");
    List<String> texts = new ArrayList<>();
    for (int c = 0; c < entries.size(); c++) {
      for (String e : entries.get(c).examples()) { texts.add(e); labels.add(c); }
    }
    if (Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
        int n = in.readInt();
        for (int i = 0; i < n; i++) { float[] v = new float[384]; for (int j = 0; j < 384; j++) v[j] = in.readFloat(); vecs.add(v); }
      }
    } else {
      long tc = System.nanoTime();
      for (String t : texts) vecs.add(model.embed(t).content().vector());
      System.out.printf("content vectors: %d in %d ms%n", texts.size(), (System.nanoTime() - tc) / 1_000_000);
      Files.createDirectories(cache.getParent());
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
        out.writeInt(vecs.size()); for (float[] v : vecs) for (float x : v) out.writeFloat(x);
      }
    }
    System.out.printf("content vectors in memory: %d (%.1f MiB); RSS %s%n", vecs.size(), vecs.size() * 384 * 4 / 1048576.0, rss());
    var rf = IntentMatcher.class.getDeclaredField("reader"); rf.setAccessible(true);
    QuestionReader reader = (QuestionReader) rf.get(m);
    var ff = IntentMatcher.class.getDeclaredField("featureIndex"); ff.setAccessible(true);
    @SuppressWarnings("unchecked") Map<String, Integer> fi = (Map<String, Integer>) ff.get(m);
    var mf = IntentMatcher.class.getDeclaredField("model"); mf.setAccessible(true);
    Softmax sm = (Softmax) mf.get(m);
    double[] ws = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.0};
    for (String set : a) {
      List<LabeledQuestion> qs = Evaluation.read(Path.of("../../../eval/" + set + ".jsonl"));
      int[] inOk = new int[ws.length], outOk = new int[ws.length]; int in = 0, out = 0; int embIn = 0, embOut = 0;
      List<Long> times = new ArrayList<>();
      for (LabeledQuestion q : qs) {
        long te = System.nanoTime();
        float[] v = model.embed(q.question()).content().vector();
        double[] best = new double[classes.size()]; Arrays.fill(best, -1);
        for (int i = 0; i < vecs.size(); i++) { double s = dot(v, vecs.get(i)); int c = labels.get(i); if (s > best[c]) best[c] = s; }
        times.add(System.nanoTime() - te);
        var toks = reader.read(q.question(), true);
        double[] p = sm.probabilities(Softmax.indices(reader.features(toks), fi), QuestionReader.unknownMass(toks, fi));
        double[] e = softmax(best, 0.05);
        boolean isOut = q.outOfScope(); if (isOut) out++; else in++;
        int eb = argmax(best); String eg = classes.get(eb);
        if (isOut ? eg.equals("none") : q.expected().contains(eg)) { if (isOut) embOut++; else embIn++; }
        for (int k = 0; k < ws.length; k++) {
          double[] mix = new double[p.length];
          for (int c = 0; c < p.length; c++) mix[c] = (1 - ws[k]) * p[c] + ws[k] * e[c];
          String got = decide(mix, classes, toks.stream().allMatch(Analyzer.Token::neutral));
          if (isOut ? got.equals("none") : q.expected().contains(got)) { if (isOut) outOk[k]++; else inOk[k]++; }
        }
      }
      Collections.sort(times);
      System.out.printf("%s: embedding alone in %.1f%% oos %.1f%%; median embed+search %.2f ms%n", set, 100.0 * embIn / in, 100.0 * embOut / Math.max(out, 1), times.get(times.size() / 2) / 1e6);
      for (int k = 0; k < ws.length; k++) System.out.printf("   w=%.1f  in %.1f%%  oos %.1f%%%n", ws[k], 100.0 * inOk[k] / in, 100.0 * outOk[k] / Math.max(out, 1));
    }
    System.out.printf("RSS at end %s%n", rss());
  }

  static String decide(double[] p, List<String> classes, boolean smallTalk) {
    int none = classes.size() - 1, help = classes.size() - 2;
    int top = argmax(p); int best = top;
    if (top == none) { double b = -1; for (int c = 0; c < none; c++) if (p[c] > b) { b = p[c]; best = c; } }
    boolean isNone = top == none || p[best] < 0.3;
    if (isNone) return smallTalk ? "help" : "none";
    return classes.get(best);
  }
  static int argmax(double[] x) { int b = 0; for (int i = 1; i < x.length; i++) if (x[i] > x[b]) b = i; return b; }
  static double[] softmax(double[] s, double t) { double mx = Arrays.stream(s).max().getAsDouble(); double[] o = new double[s.length]; double z = 0; for (int i = 0; i < s.length; i++) { o[i] = Math.exp((s[i] - mx) / t); z += o[i]; } for (int i = 0; i < s.length; i++) o[i] /= z; return o; }
  static double dot(float[] a, float[] b) { double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }
  static String rss() throws IOException { for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith("VmRSS")) return l.replaceAll("\\s+", " "); return "?"; }
}
