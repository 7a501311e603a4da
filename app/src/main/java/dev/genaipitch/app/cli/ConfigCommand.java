package dev.genaipitch.app.cli;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.config.Setting;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "config",
    description =
        "Prints the effective configuration (environment, then the GENAI_PITCH_CONFIG file, then"
            + " defaults), secrets masked. Exits 2 listing every problem when it is invalid.")
final class ConfigCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--markdown",
      description = "Prints the table of every setting, as in docs/configuration.md.")
  boolean markdown;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.print(Setting.markdownTable());
      out.flush();
      return 0;
    }
    BotConfig config = Main.config(spec);
    if (config == null) {
      return Main.BAD_CONFIG;
    }
    out.println("# genai-pitch configuration; secrets are masked");
    out.println(
        "# file: "
            + config
                .configFile()
                .map(Object::toString)
                .orElse("none (GENAI_PITCH_CONFIG is not set)"));
    config
        .describe()
        .forEach(
            (name, value) -> {
              Setting setting = Setting.byEnv(name).orElseThrow();
              String line = name + "=" + value;
              out.printf(
                  "%-48s # %s%n", line, config.source(setting).name().toLowerCase(Locale.ROOT));
            });
    out.flush();
    return 0;
  }
}
