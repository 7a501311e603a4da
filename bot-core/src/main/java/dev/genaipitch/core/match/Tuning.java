package dev.genaipitch.core.match;

/**
 * The matcher's few global settings. The defaults were chosen by measurement on the development
 * split of the evaluation set (docs/matching.md); the content, not these numbers, carries what the
 * guide is about.
 *
 * @param keywordWeight training weight of each keyword, relative to an example question
 * @param titleWeight training weight of a section's title and summary
 * @param bodyWeight training weight of each line of the script's own text
 * @param epochs passes over the training samples
 * @param rate AdaGrad learning rate
 * @param l2 weight decay
 * @param threshold below this confidence the answer is {@code none}
 * @param didYouMeanRatio a runner-up with at least this share of the winner's confidence is offered
 */
record Tuning(
    double keywordWeight,
    double titleWeight,
    double bodyWeight,
    int epochs,
    double rate,
    double l2,
    double threshold,
    double didYouMeanRatio) {

  static final Tuning DEFAULT = new Tuning(0.5, 1.0, 0.3, 10, 0.3, 3e-4, 0.3, 0.4);

  Tuning withThreshold(double value) {
    return new Tuning(
        keywordWeight, titleWeight, bodyWeight, epochs, rate, l2, value, didYouMeanRatio);
  }
}
