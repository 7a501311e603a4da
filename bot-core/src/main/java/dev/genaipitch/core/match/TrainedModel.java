package dev.genaipitch.core.match;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What training learns from a guide: the vocabulary (for typo correction), the content's own typos,
 * the features, and the model's weights. It can be written and read back, so that the built-in
 * guide's model is trained once, at build time, rather than at every start.
 *
 * @param fingerprint what it was trained from (see {@link ModelCache#fingerprint})
 */
record TrainedModel(
    String fingerprint,
    Map<String, Integer> frequency,
    Map<String, String> respellings,
    Map<String, Integer> featureIndex,
    Softmax softmax) {

  private static final int MAGIC = 0x47504d31; // "GPM1"

  void write(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeUTF(fingerprint);
    out.writeInt(frequency.size());
    for (Map.Entry<String, Integer> e : frequency.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue());
    }
    out.writeInt(respellings.size());
    for (Map.Entry<String, String> e : respellings.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    String[] features = new String[featureIndex.size()];
    featureIndex.forEach((f, i) -> features[i] = f);
    out.writeInt(features.length);
    for (String f : features) {
      out.writeUTF(f);
    }
    softmax.write(out);
  }

  /** Reads the fingerprint only, to decide whether the rest is worth reading. */
  static String readFingerprint(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a genai-pitch model");
    }
    return in.readUTF();
  }

  /** Reads the rest, after {@link #readFingerprint}. */
  static TrainedModel readBody(String fingerprint, DataInputStream in) throws IOException {
    int words = in.readInt();
    Map<String, Integer> frequency = new HashMap<>(words * 2);
    for (int i = 0; i < words; i++) {
      frequency.put(in.readUTF(), in.readInt());
    }
    int respelled = in.readInt();
    Map<String, String> respellings = new HashMap<>(respelled * 2);
    for (int i = 0; i < respelled; i++) {
      respellings.put(in.readUTF(), in.readUTF());
    }
    int features = in.readInt();
    Map<String, Integer> featureIndex = new LinkedHashMap<>(features * 2);
    for (int i = 0; i < features; i++) {
      featureIndex.put(in.readUTF(), i);
    }
    return new TrainedModel(fingerprint, frequency, respellings, featureIndex, Softmax.read(in));
  }
}
