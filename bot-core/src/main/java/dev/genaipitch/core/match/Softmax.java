package dev.genaipitch.core.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Multinomial logistic regression over sparse binary features plus one real-valued feature (the
 * weight of words outside the vocabulary), trained by AdaGrad with L2 decay. Deterministic: the
 * same samples and seed give the same weights.
 */
final class Softmax {

  /** One training sample: feature indices, the unknown-word mass, its class and weight. */
  record Sample(int[] features, double unknown, int label, double weight) {}

  private final int classes;
  private final int features;
  private final double[]
      w; // [feature * classes + class]; feature index `features` is the unknown mass, `features +

  // 1` the bias

  private Softmax(int classes, int features, double[] w) {
    this.classes = classes;
    this.features = features;
    this.w = w;
  }

  static Softmax train(
      List<Sample> samples,
      int classes,
      int features,
      int epochs,
      double rate,
      double l2,
      long seed) {
    double[] w = new double[(features + 2) * classes];
    fit(w, classes, features, 0, samples, epochs, rate, l2, seed);
    return new Softmax(classes, features, w);
  }

  /**
   * This model with features {@code features}..{@code total - 1} added, trained on {@code samples}
   * while every weight of this model is held: only the added features' weights learn, so a sample
   * with none of them reads exactly as it does by this model.
   */
  Softmax extended(List<Sample> samples, int total, int epochs, double rate, long seed) {
    double[] v = new double[(total + 2) * classes];
    System.arraycopy(w, 0, v, 0, features * classes);
    System.arraycopy(w, features * classes, v, total * classes, 2 * classes); // unknown, bias
    fit(v, classes, total, features, samples, epochs, rate, 0, seed);
    return new Softmax(classes, total, v);
  }

  /**
   * Trains weights {@code w} on {@code samples}; with {@code from} above 0, only the rows of
   * features {@code from} and up learn (the unknown mass and the bias are held too).
   */
  private static void fit(
      double[] w,
      int classes,
      int features,
      int from,
      List<Sample> samples,
      int epochs,
      double rate,
      double l2,
      long seed) {
    // AdaGrad with one accumulator per feature (not per weight): one square root per feature
    // and sample instead of one per class, at no measurable cost in accuracy.
    double[] g2 = new double[features + 2];
    List<Sample> order = new ArrayList<>(samples);
    Random random = new Random(seed);
    double[] p = new double[classes];
    double[] grad = new double[classes];
    int unknownRow = features;
    int biasRow = features + 1;
    for (int epoch = 0; epoch < epochs; epoch++) {
      java.util.Collections.shuffle(order, random);
      for (Sample s : order) {
        logits(w, classes, features, s.features(), s.unknown(), p);
        softmaxInPlace(p);
        double sq = 0;
        for (int c = 0; c < classes; c++) {
          grad[c] = (p[c] - (c == s.label() ? 1 : 0)) * s.weight();
          sq += grad[c] * grad[c];
        }
        for (int f : s.features()) {
          if (f >= from) {
            step(w, g2, f, classes, grad, 1.0, sq, rate, l2);
          }
        }
        if (from > 0) {
          continue;
        }
        if (s.unknown() > 0) {
          step(
              w,
              g2,
              unknownRow,
              classes,
              grad,
              s.unknown(),
              sq * s.unknown() * s.unknown(),
              rate,
              l2);
        }
        step(w, g2, biasRow, classes, grad, 1.0, sq, rate, 0);
      }
    }
  }

  private static void step(
      double[] w,
      double[] g2,
      int row,
      int classes,
      double[] grad,
      double scale,
      double sq,
      double rate,
      double l2) {
    g2[row] += sq;
    double eta = rate / (Math.sqrt(g2[row]) + 1e-8);
    int base = row * classes;
    for (int c = 0; c < classes; c++) {
      w[base + c] -= eta * (grad[c] * scale + l2 * w[base + c]);
    }
  }

  void write(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeInt(classes);
    out.writeInt(features);
    out.writeInt(w.length);
    for (double v : w) {
      out.writeDouble(v);
    }
  }

  static Softmax read(java.io.DataInputStream in) throws java.io.IOException {
    int classes = in.readInt();
    int features = in.readInt();
    int length = in.readInt();
    if (length != (features + 2) * classes) {
      throw new java.io.IOException("model weights do not fit its shape");
    }
    // In blocks rather than readDouble by readDouble: the weights are most of a model's bytes, and
    // both shipped models are read before the server is ready. Same order and bits as write().
    double[] w = new double[length];
    byte[] block = new byte[Double.BYTES * 8192];
    for (int i = 0; i < length; ) {
      int n = Math.min(8192, length - i);
      in.readFully(block, 0, n * Double.BYTES);
      java.nio.ByteBuffer.wrap(block, 0, n * Double.BYTES).asDoubleBuffer().get(w, i, n);
      i += n;
    }
    return new Softmax(classes, features, w);
  }

  /** Class probabilities for a question's features. */
  double[] probabilities(int[] featureIndices, double unknown) {
    double[] p = new double[classes];
    logits(w, classes, features, featureIndices, unknown, p);
    softmaxInPlace(p);
    return p;
  }

  private static void logits(
      double[] w, int classes, int features, int[] fs, double unknown, double[] out) {
    int bias = (features + 1) * classes;
    for (int c = 0; c < classes; c++) {
      out[c] = w[bias + c] + unknown * w[features * classes + c];
    }
    for (int f : fs) {
      int base = f * classes;
      for (int c = 0; c < classes; c++) {
        out[c] += w[base + c];
      }
    }
  }

  private static void softmaxInPlace(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.exp(z[i] - max);
      sum += z[i];
    }
    for (int i = 0; i < z.length; i++) {
      z[i] /= sum;
    }
  }

  /** {@link #indices(Collection, Map)} for the map {@code index} was made from. */
  static int[] indices(Collection<String> names, FeatureIndex index) {
    return indices(names, index::indexOf);
  }

  /** The indices of those of {@code names} that {@code index} holds, in {@code names}' order. */
  static int[] indices(Collection<String> names, Map<String, Integer> index) {
    return indices(names, name -> index.getOrDefault(name, -1));
  }

  private static int[] indices(Collection<String> names, ToIntFunction<String> indexOf) {
    int[] out = new int[names.size()];
    int n = 0;
    for (String name : names) {
      int i = indexOf.applyAsInt(name);
      if (i >= 0) {
        out[n++] = i;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
