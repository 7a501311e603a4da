package dev.genaipitch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The peer bench's report: a round's phase in which a server had errors (the 503s of a full replay
 * record, lost replies) is shown as void and kept out of the medians and ratios, not averaged in.
 */
class PeerBenchTest {

  @Test
  void aRoundWithErrorsIsVoidAndLeftOutOfTheRatio() {
    // Round 3: genai-pitch answered fast because most of its answers were 503s.
    String report =
        report(againstBoltAt1000(new long[][] {{2_000, 0}, {3_000, 0}, {11_000, 129_825}}), 3);

    assertThat(row(report, "Slack saturation"))
        .contains("| 2500 | 1000 | 2.50× | 2000 / 1000; 3000 / 1000; void | met |");
    assertThat(report)
        .contains(
            "Void, left out of the medians and ratios above (a phase in which either server had an"
                + " error): slack saturation in round 3 (genai-pitch 129825 errors, bolt-js 0"
                + " errors).");
  }

  @Test
  void aPeersErrorVoidsTheRoundToo() {
    List<PeerBench.Measure> measures = againstBoltAt1000(new long[][] {{2_000, 0}});
    measures.add(new PeerBench.Measure("slack saturation", "bolt-js", 2, result(15_000, 12, 0.1)));
    measures.add(
        new PeerBench.Measure("slack saturation", "genai-pitch", 2, result(45_000, 0, 0.1)));

    String report = report(measures, 2);

    assertThat(row(report, "Slack saturation")).contains("| 2.00× | 2000 / 1000; void | met |");
    assertThat(report)
        .contains("slack saturation in round 2 (genai-pitch 0 errors, bolt-js 12 errors)");
  }

  @Test
  void withoutErrorsEveryRoundCounts() {
    String report = report(againstBoltAt1000(new long[][] {{2_000, 0}, {1_500, 0}, {1_800, 0}}), 3);

    assertThat(row(report, "Slack saturation"))
        .contains("| 1800 | 1000 | 1.80× | 2000 / 1000; 1500 / 1000; 1800 / 1000 | **missed** |");
    assertThat(report)
        .contains("Errors (failed requests, I/O errors, replies that never came): none.");
    assertThat(report).doesNotContain("Void");
  }

  /**
   * Slack saturation rounds against Bolt-JS at 1,000 answers/s: per round, genai-pitch's answers
   * per second and how many of its requests failed.
   */
  private static List<PeerBench.Measure> againstBoltAt1000(long[][] rounds) {
    List<PeerBench.Measure> measures = new ArrayList<>();
    for (int i = 0; i < rounds.length; i++) {
      slackSaturation(measures, i + 1, (double) rounds[i][0], rounds[i][1], 1_000);
    }
    return measures;
  }

  private static void slackSaturation(
      List<PeerBench.Measure> measures,
      int round,
      double pitchPerSecond,
      long pitchFailed,
      double boltPerSecond) {
    // 10 s phases: answers per second are the answered requests over 10 s.
    measures.add(
        new PeerBench.Measure(
            "slack saturation",
            "genai-pitch",
            round,
            result((long) (pitchPerSecond * 10) - pitchFailed, pitchFailed, 0.1)));
    measures.add(
        new PeerBench.Measure(
            "slack saturation", "bolt-js", round, result((long) (boltPerSecond * 10), 0, 0.2)));
  }

  private static LoadPhase.Result result(long ok, long failed, double cpuMillisPerAnswer) {
    Histogram latency = new Histogram(3);
    latency.recordValue(1_000);
    return new LoadPhase.Result(
        "slack",
        "closed, 16 connections",
        0,
        10,
        ok + failed,
        ok,
        failed,
        0,
        latency,
        null,
        0,
        0,
        ok * cpuMillisPerAnswer / 1000,
        0,
        "1.00 1.00 1.00");
  }

  private static String report(List<PeerBench.Measure> measures, int rounds) {
    ServerProcess.ProcStatus status = new ServerProcess.ProcStatus(100 * 1024, 140 * 1024, 40);
    List<LoadPhase.Result> rss = new ArrayList<>();
    List<ServerProcess.ProcStatus> afterSlack = new ArrayList<>();
    List<ServerProcess.Startup> startups = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      rss.add(result(20_000, 0, 0.2));
      afterSlack.add(status);
      startups.add(new ServerProcess.Startup(1_000 + i, "/readyz", 1_100, 1_200));
    }
    return PeerBench.report(
        measures,
        rounds,
        10,
        16,
        1_000,
        500,
        null,
        "1.00 1.00 1.00",
        startups,
        10,
        afterSlack,
        rss,
        status,
        Map.of("bolt-js", status, "botbuilder-js", status),
        new StringBuilder());
  }

  private static String row(String report, String name) {
    return report.lines().filter(l -> l.startsWith("| " + name)).findFirst().orElseThrow();
  }
}
