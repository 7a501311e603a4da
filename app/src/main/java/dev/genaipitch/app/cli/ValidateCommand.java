package dev.genaipitch.app.cli;

import dev.genaipitch.app.GuideSource;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Section;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description = "Checks guide content; names the file and line of every problem.")
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "Guide directory (default: GUIDE_DIR, else the built-in guide).")
  Path dir;

  @Override
  public Integer call() {
    try {
      Guide guide;
      if (dir != null) {
        guide = GuideLoader.load(dir);
      } else {
        var config = Main.config(spec);
        if (config == null) {
          return Main.BAD_CONFIG;
        }
        guide = GuideSource.load(config.guideDir());
      }
      int examples = guide.sections().stream().mapToInt(s -> s.examples().size()).sum();
      spec.commandLine()
          .getOut()
          .printf(
              "%s: OK, %d sections (%s), %d example questions, %d out-of-scope examples%n",
              guide.origin(),
              guide.sections().size(),
              String.join(", ", guide.sections().stream().map(Section::id).toList()),
              examples,
              guide.none().examples().size());
      var practice = guide.practice().sets();
      spec.commandLine()
          .getOut()
          .printf(
              "practice: %d sections (%s), %d key points%n",
              practice.size(),
              String.join(", ", practice.stream().map(p -> p.section()).toList()),
              practice.stream().mapToInt(p -> p.points().size()).sum());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ContentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      spec.commandLine().getErr().flush();
      return Main.BAD_CONTENT;
    }
  }
}
