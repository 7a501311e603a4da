package dev.genaipitch.core.match;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in guide's model, trained at build time ({@link BuiltInModel}) and shipped as a
 * class-path resource. A guide whose content, lexicon and tuning fingerprint equal the shipped
 * model's uses it instead of training; any other guide (an edited GUIDE_DIR) is trained.
 */
final class ModelCache {

  /** Where the shipped model lives on the class path. */
  static final String RESOURCE = "/matching/built-in-model.bin";

  /** Bump when training changes in a way the fingerprint's inputs do not show. */
  private static final int FORMAT = 1;

  private ModelCache() {}

  /** The shipped model, if it was trained from exactly what {@code fingerprint} describes. */
  static Optional<TrainedModel> lookup(String fingerprint) {
    InputStream resource = ModelCache.class.getResourceAsStream(RESOURCE);
    if (resource == null) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(resource, 1 << 16))) {
      if (!TrainedModel.readFingerprint(in).equals(fingerprint)) {
        return Optional.empty();
      }
      return Optional.of(TrainedModel.readBody(fingerprint, in));
    } catch (IOException e) {
      return Optional.empty(); // an unreadable cache is only a slower start
    }
  }

  /** A digest of everything training reads: the content, the lexicon, the tuning. */
  static String fingerprint(Guide guide, Tuning tuning) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    Feed feed = new Feed(digest);
    feed.add("format " + FORMAT);
    // Each field rather than the record's toString(), whose first call is slow in a fresh JVM
    // (docs/performance.md).
    feed.add(
        tuning.keywordWeight(),
        tuning.titleWeight(),
        tuning.bodyWeight(),
        tuning.epochs(),
        tuning.rate(),
        tuning.l2(),
        tuning.threshold(),
        tuning.didYouMeanRatio(),
        tuning.partScore(),
        tuning.lineCoverage(),
        tuning.lineWeight());
    new java.util.TreeSet<>(Lexicon.NEUTRAL).forEach(feed::add);
    new TreeMap<>(Lexicon.CONTRACTIONS).forEach((k, v) -> feed.add(k + "=" + v));
    new TreeMap<>(guide.synonyms()).forEach((k, v) -> feed.add(k + "=" + v));
    for (Section s : QuestionReader.entries(guide)) {
      feed.add(s.id());
      feed.add(s.title());
      feed.add(s.summary());
      feed.add(s.heading());
      for (Block b : s.blocks()) {
        feed.add(b.plainText());
      }
      s.keywords().forEach(feed::add);
      feed.add("examples");
      s.examples().forEach(feed::add);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Feeds strings to a digest unambiguously (each one length-prefixed). */
  private record Feed(MessageDigest digest) {
    void add(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      addLong(bytes.length);
      digest.update(bytes);
    }

    void add(double... numbers) {
      addLong(numbers.length);
      for (double n : numbers) {
        addLong(Double.doubleToLongBits(n));
      }
    }

    private void addLong(long value) {
      // One update of eight bytes, not eight of one: the same digest, far fewer calls per string.
      byte[] bytes = new byte[Long.BYTES];
      for (int i = 0; i < Long.BYTES; i++) {
        bytes[i] = (byte) (value >>> (56 - 8 * i));
      }
      digest.update(bytes);
    }
  }
}
