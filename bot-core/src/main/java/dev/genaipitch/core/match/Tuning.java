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
 * @param partScore in a message of several parts, the confidence a part needs to count as asking
 *     about a section, or (for {@code none}) as asking something the script does not cover
 * @param lineCoverage for the key line: the share of the question's weighted words the line must
 *     hold
 * @param lineWeight for the key line: the least weight of the words it shares with the question
 */
record Tuning(
    double keywordWeight,
    double titleWeight,
    double bodyWeight,
    int epochs,
    double rate,
    double l2,
    double threshold,
    double didYouMeanRatio,
    double partScore,
    double lineCoverage,
    double lineWeight) {

  static final Tuning DEFAULT = new Tuning(0.5, 1.0, 0.3, 10, 0.3, 3e-4, 0.3, 0.4, 0.6, 0.4, 2.0);

  Tuning withThreshold(double value) {
    return new Tuning(
        keywordWeight,
        titleWeight,
        bodyWeight,
        epochs,
        rate,
        l2,
        value,
        didYouMeanRatio,
        partScore,
        lineCoverage,
        lineWeight);
  }
}
